from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from products.models import Decision
from programme.models import CohortYear
from programme.registration_admin import EventRegistrationViewSet


class DecisionViewSet(SnippetViewSet):
    model = Decision
    icon = "doc-full-inverse"
    list_display = ["number", "title", "signed_on", "year"]
    list_filter = ["kind", "year"]
    search_fields = ["number", "title", "title_en"]


class CohortYearViewSet(SnippetViewSet):
    model = CohortYear
    icon = "table"
    list_display = ["year", "products_recognised", "companies_recognised"]


class ProgrammeViewSetGroup(SnippetViewSetGroup):
    menu_label = "Văn bản và số liệu"
    menu_icon = "doc-full"
    menu_order = 310
    items = (DecisionViewSet, CohortYearViewSet)


register_snippet(ProgrammeViewSetGroup)


@hooks.register("register_admin_viewset")
def register_event_registration_viewset():
    return EventRegistrationViewSet()
