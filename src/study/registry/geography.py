"""Geographic facts the build and the maps share: where the mainland lies, the archipelagos, attributions."""

MAINLAND_BOX = (102.0, 8.0, 110.0, 24.0)
"""lon/lat box holding the mainland and near-shore islands; the archipelagos lie outside it."""
ARCHIPELAGOS = {"Hoàng Sa": ("48", (110.5, 15.0, 113.5, 17.5)), "Trường Sa": ("56", (111.0, 6.0, 117.5, 12.5))}
"""Name -> (code of the province holding it, in both regimes; lon/lat box)."""
BOUNDARY_ATTRIBUTION = "Boundaries: Open Development Mekong / Viet Nam Department of Survey and Mapping, CC BY-SA 4.0"
TILE_ATTRIBUTION = "Tile grid: study project layout"
ATTRIBUTIONS = {
    "en": {"geo": BOUNDARY_ATTRIBUTION, "tiles": TILE_ATTRIBUTION},
    "vi": {
        "geo": "Ranh giới: Open Development Mekong / Cục Đo đạc và Bản đồ Việt Nam, CC BY-SA 4.0",
        "tiles": "Lưới ô: bố cục của dự án study",
    },
}
"""The attribution line of each map layout, in the reader's language (``"en"`` or ``"vi"``)."""
