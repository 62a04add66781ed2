"""Catalog values the recommender never reads. Those it does read are declared once, in
app/recommender/vocabulary.py, which imports nothing of the database layer."""

from enum import StrEnum


class ProviderKind(StrEnum):
    cloud_vendor = "cloud_vendor"
    technology_vendor = "technology_vendor"  # a platform that is not a cloud: Databricks, NVIDIA
    learning_platform = "learning_platform"
    publisher = "publisher"


class DeliveryMode(StrEnum):
    online_proctored = "online_proctored"
    test_center = "test_center"


class SourceOrigin(StrEnum):
    """Who published a source: figures from a third party are reported, not confirmed."""

    vendor = "vendor"
    third_party = "third_party"
