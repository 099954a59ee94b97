"""Helpers shared by the catalogue search test modules."""

SYNONYMS = {"bình nóng lạnh": ["bình nước nóng"], "tnhh": ["trách nhiệm hữu hạn"]}


def titles(response):
    return [result["title"] for result in response["results"]]
