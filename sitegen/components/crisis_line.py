"""The calm crisis line (data/hotlines.yaml) in a page's text: <!-- x:crisis-line --> (the footer shows it anyway)."""


def crisis_line(ctx, arg: str) -> str:
    ctx.no_argument(arg)
    return ctx.data.hotlines.crisis_line


MARKDOWN = {"crisis-line": crisis_line}
