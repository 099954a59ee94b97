from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from applications import admin_views
from applications.models import SelectionRound


class SelectionRoundViewSet(SnippetViewSet):
    """The yearly rounds: their dates open and close the public form by themselves."""

    model = SelectionRound
    icon = "date"
    menu_label = "Đợt bình chọn"
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["year", "opens_at", "closes_at"]


register_snippet(SelectionRoundViewSet)


@hooks.register("register_admin_urls")
def register_dossier_urls():
    return [
        path(
            "applications/files/<int:file_id>/",
            admin_views.dossier_file,
            name="application_file",
        )
    ]


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return admin_views.ApplicationViewSet()
