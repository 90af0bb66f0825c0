"""State changes of the performance app: one atomic, audited function per use case."""

from .likelihood import likelihood_rate
from .register import can_manage, consequence_assign, consequence_step, is_owner
from .scores import scores_refresh
from .settings import performance_settings_update
from .triggers import Evaluation, consequences_evaluate

__all__ = [
    "Evaluation",
    "can_manage",
    "consequence_assign",
    "consequence_step",
    "consequences_evaluate",
    "is_owner",
    "likelihood_rate",
    "performance_settings_update",
    "scores_refresh",
]
