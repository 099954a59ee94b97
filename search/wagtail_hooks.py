from django.db.models.signals import post_delete, post_save
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import Synonym
from search.synonyms import forget_synonyms


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = "Từ đồng nghĩa"
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["term", "alternatives"]
    search_fields = ["term", "alternatives"]
    panels = [FieldPanel("term"), FieldPanel("alternatives")]


register_snippet(SynonymViewSet)

# A change applies to the next search: both paths expand queries at query time.
post_save.connect(forget_synonyms, sender=Synonym, dispatch_uid="synonyms-saved")
post_delete.connect(forget_synonyms, sender=Synonym, dispatch_uid="synonyms-deleted")
