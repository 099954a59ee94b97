"""Helpers shared by the catalogue search test modules."""

SYNONYMS = {"bình nóng lạnh": ["bình nước nóng"], "tnhh": ["trách nhiệm hữu hạn"]}


def titles(response):
    return [result["title"] for result in response["results"]]


def counts(response, group):
    return {item["value"]: item["count"] for item in response["facets"][group]}


def selected(response, group):
    return {item["value"] for item in response["facets"][group] if item["selected"]}
