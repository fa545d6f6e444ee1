"""「保存全站以便离线阅读」: <!-- x:offline-save --> becomes overrides/partials/offline-save.html."""

TEMPLATE = "partials/offline-save.html"


def offline_save(ctx, arg: str) -> str:
    ctx.no_argument(arg)
    html = ctx.env.get_template(TEMPLATE).render(page=ctx.page, config=ctx.config)
    return "\n" + html.strip() + "\n"


MARKDOWN = {"offline-save": offline_save}
