from products.models.company import CompanyIndexPage, CompanyPage, CompanyRecognition
from products.models.decision import Decision
from products.models.imports import RecognitionImport
from products.models.product import (
    ProductCertification,
    ProductGalleryImage,
    ProductIndexPage,
    ProductMarket,
    ProductPage,
    ProductRecognition,
)
from products.models.taxonomy import (
    AdministrativeUnit,
    Certification,
    IndustrialZone,
    Market,
    Sector,
)

__all__ = [
    "AdministrativeUnit",
    "Certification",
    "CompanyIndexPage",
    "CompanyPage",
    "CompanyRecognition",
    "Decision",
    "IndustrialZone",
    "Market",
    "ProductCertification",
    "ProductGalleryImage",
    "ProductIndexPage",
    "ProductMarket",
    "ProductPage",
    "ProductRecognition",
    "RecognitionImport",
    "Sector",
]
