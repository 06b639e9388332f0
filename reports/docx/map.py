"""The coverage map of the area as a picture with its legend: the same rows, colours and bins as the
coverage map (``coverage.rows.village_coverage``, ``coverage.svg.METRICS``), drawn with matplotlib."""

from django.utils.translation import gettext as _
from docx.shared import Cm

from common.periods import Period
from coverage.geo import geometry_points, is_area_geometry, rings
from coverage.rows import village_coverage
from coverage.summary import town_outlines
from coverage.svg import DEFAULT_METRIC, METRICS, NO_DATA_COLOUR

from .charts import png, pyplot
from .text import caption

WIDTH = Cm(15)


def _polygon_patches(geometry):
    from matplotlib.patches import Polygon

    patches = []
    for ring in rings(geometry):
        points = [(float(p[0]), float(p[1])) for p in ring if isinstance(p, (list, tuple)) and len(p) >= 2]
        if len(points) >= 3:
            patches.append(Polygon(points, closed=True))
    return patches


def coverage_map_png(rows, outlines, metric_key=DEFAULT_METRIC):
    """(PNG, number of villages without a position) of the coverage map."""
    from matplotlib.patches import Patch

    plt = pyplot()
    metric = METRICS[metric_key]
    fig, ax = plt.subplots(figsize=(7, 6.5))
    ax.set_aspect("equal", adjustable="datalim")
    ax.axis("off")
    for outline in outlines:
        for patch in _polygon_patches(outline["geometry"]):
            patch.set(fill=False, edgecolor="#555555", linewidth=1, linestyle="--" if outline.get("hull") else "-")
            ax.add_patch(patch)
    unplaced = 0
    points = {"x": [], "y": [], "c": [], "dashed": []}
    for row in rows:
        colour = metric.colour(row.metric(metric.key))
        if is_area_geometry(row.boundary):
            for patch in _polygon_patches(row.boundary):
                patch.set(facecolor=colour, edgecolor="#333333", linewidth=0.5)
                ax.add_patch(patch)
        elif row.lat is not None and row.lon is not None:
            points["x"].append(row.lon)
            points["y"].append(row.lat)
            points["c"].append(colour)
            points["dashed"].append(row.coords_approximate)
        else:
            unplaced += 1
    if points["x"]:
        ax.scatter(points["x"], points["y"], c=points["c"], s=60, edgecolors="#333333", linewidths=0.6, zorder=3)
    for outline in outlines:
        town_points = geometry_points(outline["geometry"])
        if town_points:
            x = sum(p[0] for p in town_points) / len(town_points)
            y = sum(p[1] for p in town_points) / len(town_points)
            ax.text(
                x,
                y,
                outline["name"],
                ha="center",
                va="center",
                fontsize=9,
                zorder=4,
                bbox={"facecolor": "white", "alpha": 0.7, "edgecolor": "none", "pad": 1},
            )
    ax.autoscale_view()
    legend = [Patch(facecolor=b.colour, edgecolor="#333333", label=str(b.label)) for b in metric.bins]
    legend.append(Patch(facecolor=NO_DATA_COLOUR, edgecolor="#333333", label=_("no data")))
    ax.legend(handles=legend, title=str(metric.label), loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9)
    return png(fig), unplaced


def coverage_map(doc, context):
    doc.add_paragraph(_("Coverage of villages and communities"), style="Heading 2")
    rows = village_coverage(Period.for_year(context.year), context.area)
    if not rows:
        doc.add_paragraph(_("No villages or communities under this area."))
        return
    picture, unplaced = coverage_map_png(rows, town_outlines(context.area.code, rows))
    doc.add_picture(picture, width=WIDTH)
    text = _("Figure %(n)s. Coverage of %(area)s's villages and communities in %(year)s (score)") % {
        "n": context.next_figure(),
        "area": context.area.name,
        "year": context.year,
    }
    if unplaced:
        text += _("; %(n)s without a position are not on the map") % {"n": unplaced}
    caption(doc, text)
