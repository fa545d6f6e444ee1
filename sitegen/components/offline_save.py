"""「保存全站以便离线阅读」: <!-- x:offline-save --> becomes overrides/components/offline/offline-save.html."""

TEMPLATE = "components/offline/offline-save.html"


def offline_save(ctx, arg: str) -> str:
    ctx.no_argument(arg)
    html = ctx.env.get_template(TEMPLATE).render(page=ctx.page, config=ctx.config)
    return "\n" + html.strip() + "\n"


MARKDOWN = {"offline-save": offline_save}
