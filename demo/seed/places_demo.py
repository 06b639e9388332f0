"""Village positions and populations for the demo map: approximate, and flagged as such.

The shipped area file has coordinates for the district and town centres only. Villages without
coordinates get a deterministic position around their town's centre (``coords_approximate``);
real coordinates from an area import are never overwritten.
"""

from places.models import Area

from .common import rng_for, village_positions, villages


def load_coordinates():
    village_list = villages()
    positions = village_positions(village_list)
    changed = []
    for village in village_list:
        rng = rng_for(f"population-{village.code}")
        population = rng.randint(4000, 16000) if village.kind == Area.Kind.COMMUNITY else rng.randint(1200, 6500)
        before = (village.lat, village.lon, village.coords_approximate, village.population, village.households)
        if village.lat is None:
            village.lat, village.lon = positions[village.code]
            village.coords_approximate = True
        if village.population is None:
            village.population = population
            village.households = round(population / 3.2)
        if before != (village.lat, village.lon, village.coords_approximate, village.population, village.households):
            changed.append(village)
    Area.objects.bulk_update(changed, ["lat", "lon", "coords_approximate", "population", "households"])
    return len(changed)
