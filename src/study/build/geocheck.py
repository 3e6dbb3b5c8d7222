"""Known facts a boundary layer of the 63 units must agree with before the build uses it.

A file whose names are attached to the wrong polygons, or whose coordinates are shifted, would
otherwise draw every map wrong without a word. :func:`problems` checks, for every province:

1. its bounds lie inside :data:`VIETNAM_BBOX` (the mainland, Hoàng Sa and Trường Sa, with a margin);
2. its centroid lies in the latitude and longitude band of its GSO region (:data:`REGION_BANDS`, the
   ``region`` column of ``provinces_63``; bands measured on the kept source with about 0.4° of margin);
3. where a reference layer is given (the kept copy ``data/raw/geo/diaphantinh.json``): a point inside
   the province lies inside the reference polygon of the same code (grown by
   :data:`REFERENCE_BUFFER` degrees), and its area is within :data:`AREA_TOLERANCE` of the reference's.

``study.build.boundaries`` refuses the layer with the list of failing provinces.
"""

from __future__ import annotations

import numpy as np
import shapely

VIETNAM_BBOX = (101.8, 6.5, 117.6, 23.7)
"""(west, south, east, north) in degrees: the mainland, Hoàng Sa (Đà Nẵng) and Trường Sa (Khánh Hòa)."""
REGION_BANDS = {
    "Trung du và miền núi phía Bắc": (20.2, 23.2, 102.5, 107.1),
    "Đồng bằng sông Hồng": (19.8, 21.8, 105.1, 107.7),
    "Bắc Trung Bộ và duyên hải miền Trung": (10.7, 20.5, 104.5, 111.0),
    "Tây Nguyên": (11.3, 15.1, 107.2, 108.7),
    "Đông Nam Bộ": (10.1, 12.2, 105.7, 107.7),
    "Đồng bằng sông Cửu Long": (8.6, 11.2, 104.4, 106.9),
}
"""GSO region -> (south, north, west, east) band that the centroids of its provinces lie in."""
REFERENCE_BUFFER = 0.05
"""Degrees (about 5 km) by which a reference polygon is grown before the inside test."""
AREA_TOLERANCE = 0.25
"""Largest relative difference between a province's area and the reference's."""


def problems(codes, geometries, registry, reference: dict | None = None) -> list[str]:
    """Return one message per province that fails a check (empty when the layer is plausible).

    Parameters
    ----------
    codes : sequence of str
        GSO codes of the 63 units.
    geometries : sequence of shapely geometries
        Their polygons, lon/lat.
    registry : study.registry.provinces.Registry
        For the names and regions.
    reference : dict, optional
        ``{code: geometry}`` of a trusted layer.
    """
    out = []
    west, south, east, north = VIETNAM_BBOX
    geometries = np.asarray(list(geometries), dtype=object)
    centroids = shapely.centroid(geometries)
    inside_points = shapely.point_on_surface(geometries)
    for code, geometry, centroid, point in zip(codes, geometries, centroids, inside_points, strict=True):
        unit = registry.units["63"].get(code)
        label = f"{code} {unit.name_vi if unit else '?'}"
        if geometry is None or geometry.is_empty:
            out.append(f"{label}: empty geometry")
            continue
        x0, y0, x1, y1 = geometry.bounds
        if x0 < west or y0 < south or x1 > east or y1 > north:
            out.append(
                f"{label}: bounds ({x0:.2f}, {y0:.2f}, {x1:.2f}, {y1:.2f}) leave Vietnam's "
                f"({west}, {south}, {east}, {north}); shifted or not in lon/lat degrees?"
            )
            continue
        band = REGION_BANDS.get(unit.region if unit else "")
        if band is not None:
            lat0, lat1, lon0, lon1 = band
            if not (lat0 <= centroid.y <= lat1 and lon0 <= centroid.x <= lon1):
                out.append(
                    f"{label}: centroid ({centroid.x:.2f}, {centroid.y:.2f}) lies outside the band of its "
                    f"region {unit.region} (lat {lat0}-{lat1}, lon {lon0}-{lon1}); a polygon of another "
                    "province?"
                )
                continue
        if reference and code in reference:
            ref = reference[code]
            if not shapely.buffer(ref, REFERENCE_BUFFER).contains(point):
                out.append(
                    f"{label}: its polygon lies outside the reference polygon of {label}; a polygon of "
                    "another province?"
                )
                continue
            ratio = shapely.area(geometry) / max(shapely.area(ref), 1e-12)
            if abs(ratio - 1) > AREA_TOLERANCE:
                out.append(f"{label}: area {ratio:.2f} times the reference's (tolerance ±{AREA_TOLERANCE:.0%})")
    return out
