"""Routes: the today board."""

from django.urls import URLPattern, URLResolver, path

from ..views.board import BoardView

urlpatterns: list[URLPattern | URLResolver] = [
    path("hari-ini/", BoardView.as_view(), name="board"),
]
