"""What every reader tool's form shares: the field hints and formats, and rendering a tool's partial with the
engine's data-* attributes (the tools run on the Pyodide engine), the page's root and the build date."""
from triage.fields import Field

HINTS = {"date": "例如 2025-03-31 或 今天", "datetime": "例如 2025-03-31 21:30 或 昨晚11点", "amount": "例如 1200",
         "dates": "例如 2023-05-10，2024-01-15"}
FORMATS = {"date": "格式：年-月-日，例如 2025-03-31；也可以写“今天”“昨天”“前天”。",
           "datetime": "格式：年-月-日 时:分，例如 2025-03-31 21:30；也可以写“昨晚11点”“今天下午3点半”，或点「现在」。",
           "dates": "可以填几个日期，用逗号或换行隔开，例如 2023-05-10，2024-01-15。"}


def render(ctx, template: str, **values) -> str:
    root = "../" * ctx.page.url.count("/")
    return ctx.env.get_template(template).render(engine=ctx.engine.attrs(root), root=root, built=ctx.built,
                                                 **values, hints=HINTS, formats=FORMATS, Field=Field)
