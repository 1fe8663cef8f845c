"""``{% how_computed %}<dt>…</dt><dd>…</dd>{% endhow_computed %}``: the folded "How this is
computed" note (ui/_how_computed.html) that keeps method names, citations and statistics
(R², Johnson 2000, Wilson…) off the page itself, in one look on every page that has one."""

from django import template
from django.template.loader import get_template

register = template.Library()


class HowComputedNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        with context.push(entries=self.nodelist.render(context)):
            return get_template("ui/_how_computed.html").template.render(context)


@register.tag
def how_computed(parser, token):
    nodelist = parser.parse(("endhow_computed",))
    parser.delete_first_token()
    return HowComputedNode(nodelist)
