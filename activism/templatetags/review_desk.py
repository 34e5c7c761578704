"""The review desk on the admin index: {% load review_desk %}{% review_desk %} (activism/admin/desk.py)."""

from django import template

from ..admin.desk import desk_sections

register = template.Library()


@register.inclusion_tag("admin/activism/review_desk.html", takes_context=True)
def review_desk(context):
    return {"sections": desk_sections(context["request"].user)}
