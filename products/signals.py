"""Every signal receiver of the products app, connected by ProductsConfig.ready()."""

from django.db.models.signals import post_delete, post_save

from products.models import AdministrativeUnit, Certification, Market, Sector
from search.catalogue.parameters import forget_vocabulary

# The vocabularies the catalogue search accepts as facet values (search.catalogue.parameters).
SEARCH_VOCABULARIES = (Sector, Certification, Market, AdministrativeUnit)


def connect() -> None:
    for vocabulary in SEARCH_VOCABULARIES:
        post_save.connect(forget_vocabulary, sender=vocabulary, dispatch_uid="search-vocabulary")
        post_delete.connect(forget_vocabulary, sender=vocabulary, dispatch_uid="search-vocabulary")
