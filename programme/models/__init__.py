from programme.models.events import EventIndexPage, EventPage
from programme.models.figures import CohortYear
from programme.models.open_data import OpenDataPage
from programme.models.pages import (
    CriteriaPage,
    DecisionIndexPage,
    GuidancePage,
    ProgrammeIndexPage,
)
from programme.models.registrations import EventRegistration, EventRegistrationMail
from programme.models.statistics import StatisticsPage

__all__ = [
    "CohortYear",
    "CriteriaPage",
    "DecisionIndexPage",
    "EventIndexPage",
    "EventPage",
    "EventRegistration",
    "EventRegistrationMail",
    "GuidancePage",
    "OpenDataPage",
    "ProgrammeIndexPage",
    "StatisticsPage",
]
