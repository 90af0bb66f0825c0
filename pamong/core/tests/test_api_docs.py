"""The OpenAPI schema generates cleanly, and the docs page works for signed-in users under the CSP."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from django.core.management import call_command

from pamong.core.middleware import SWAGGER_UI_STYLE_HASH
from pamong.core.testing.matrix import check_matrix, session_client, token_client
from pamong.core.testing.personas import expectations

pytestmark = pytest.mark.django_db


def test_schema_generates_and_validates_without_warnings(tmp_path):
    # --fail-on-warn turns any generator warning (an untyped field, a name collision) into an error.
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text()
    for path in (
        "/api/units/",
        "/api/units/{id}/move/",
        "/api/units/{id}/close/",
        "/api/units/{id}/heads/",
        "/api/positions/",
        "/api/employees/",
        "/api/employees/{id}/assignments/",
        "/api/assignments/{id}/end/",
        "/api/role-assignments/",
        "/api/role-assignments/{id}/end/",
        "/api/auth/token/",
    ):
        assert f"  {path}:" in text, path
    # request and response bodies are documented, errors included
    for component in (
        "EmployeeCreateRequest",
        "EmployeeDetail",
        "PaginatedUnitList",
        "ErrorResponse",
        "TokenObtainRequest",
    ):
        assert f"    {component}:" in text, component


@pytest.mark.parametrize("client_for", [session_client, token_client], ids=["session", "token"])
def test_schema_is_for_signed_in_users_only(cast, client_for):
    check_matrix(cast, "get", "/api/schema/", expectations(200, anonymous=401), client_for=client_for)


def test_docs_page_is_for_signed_in_users_and_loads_nothing_from_a_cdn(cast):
    responses = check_matrix(cast, "get", "/api/docs/", expectations(200, anonymous=302))
    assert "/akun/login/" in responses["anonymous"]["Location"]
    page = responses["asn"].content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page
    script = cast.client_for("asn").get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")


def test_docs_csp_allows_only_the_inline_style_block_by_its_hash(cast):
    response = cast.client_for("asn").get("/api/docs/")
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "script-src 'self';" in policy
    # The page must have no inline script, and exactly the one inline style the policy names by hash.
    page = response.content.decode()
    assert re.search(r"<script>(?!</script>)", page) is None
    styles = re.findall(r"<style>(.*?)</style>", page, flags=re.S)
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" == SWAGGER_UI_STYLE_HASH, "drf-spectacular changed its inline style: update the hash"
    assert SWAGGER_UI_STYLE_HASH in policy
    # Everywhere else the strict policy holds.
    assert "sha256" not in cast.client_for("asn").get("/")["Content-Security-Policy"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_docs_render_in_chromium_without_csp_violations(cast, live_server):
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM

    session = cast.client_for("asn").cookies["sessionid"].value
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            context = browser.new_context()
            context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
            page = context.new_page()
            problems: list[str] = []
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)

            def outside(request):
                if not request.url.startswith(live_server.url):
                    problems.append(f"external request {request.url}")

            page.on("request", outside)
            page.goto(f"{live_server.url}/api/docs/")
            page.locator("#operations-tag-units").click()  # tags are collapsed (SWAGGER_UI_SETTINGS)
            operation = page.locator("#operations-units-units_list")
            operation.wait_for(timeout=15000)
            operation.locator(".opblock-summary").click()
            operation.locator("button.try-out__btn").click()
            operation.locator("button.execute").click()
            operation.locator(".live-responses-table").first.wait_for(timeout=15000)
            assert '"count"' in operation.locator(".live-responses-table").first.inner_text()
            assert problems == []
        finally:
            browser.close()
