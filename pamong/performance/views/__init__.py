"""Pages of the performance app: the cockpit, the units, the register, ratings, and the exports."""

from .cockpit import CockpitView
from .exports import BriefingPdfView, CockpitExportView, ConsequenceExportView, UnitExportView
from .likelihood import IndicatorRateView, ProgramRateView
from .register import ConsequenceAssignView, ConsequenceDetailView, ConsequenceListView, ConsequenceStepView
from .settings import SettingsView
from .units import IndicatorPageView, UnitDetailView, UnitListView

__all__ = [
    "BriefingPdfView",
    "CockpitExportView",
    "CockpitView",
    "ConsequenceAssignView",
    "ConsequenceDetailView",
    "ConsequenceExportView",
    "ConsequenceListView",
    "ConsequenceStepView",
    "IndicatorPageView",
    "IndicatorRateView",
    "ProgramRateView",
    "SettingsView",
    "UnitDetailView",
    "UnitExportView",
    "UnitListView",
]
