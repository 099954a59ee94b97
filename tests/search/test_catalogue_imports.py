"""An imported decision reaches the catalogue search on both paths once published."""

from tests.products.test_import_apply import row, run


def refresh(path):
    if path == "engine":
        # Writes become searchable at the engine's next refresh (within a second): now.
        from search.catalogue.engine.client import get_client, index_name

        get_client().indices.refresh(index=index_name())


def test_the_catalogue_search_follows_a_published_import_on_both_paths(
    site_tree, path, client, django_capture_on_commit_callbacks
):
    if path == "engine":
        from search.catalogue.engine.companies import rebuild_companies
        from search.catalogue.engine.indexing import rebuild

        rebuild()
        rebuild_companies()
    with django_capture_on_commit_callbacks(execute=True):
        run([row()])
    refresh(path)
    found = client.get("/api/catalogue/", {"q": "day cap ha the"}).json()["results"]
    assert [result["title"] for result in found] == ["Dây cáp điện hạ thế"]
    found = client.get("/api/catalogue/", {"q": "low voltage cable", "lang": "en"}).json()
    assert [result["title"] for result in found["results"]] == ["Low-voltage power cable"]
    # What waits for moderation is not searchable yet.
    with django_capture_on_commit_callbacks(execute=True):
        run([row(product_name="Cáp ngầm trung thế", product_name_en="")], publish=False)
    refresh(path)
    found = client.get("/api/catalogue/", {"q": "cap ngam trung the"}).json()["results"]
    assert found == []
