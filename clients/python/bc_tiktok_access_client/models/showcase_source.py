from enum import StrEnum


class ShowcaseSource(StrEnum):
    ALL_SHOP_PRODUCTS = "ALL_SHOP_PRODUCTS"
    MULTIPLE_SHOPS = "MULTIPLE_SHOPS"
    SELECTED_PRODUCTS = "SELECTED_PRODUCTS"

    def __str__(self) -> str:
        return str(self.value)
