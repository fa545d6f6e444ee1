"""Limitation-period dates (民法典第一百八十八、一百八十九、一百九十五条), computed from the reader's dates.

It explains; it never suggests waiting a debt out: every demand, payment or promise restarts the period."""
from datetime import date

from .fields import Field, check_all, parse_date

YEARS = 3
FIELDS = [
    Field("due", "最后一期的到期日", "date", required=True, past=True),
    Field("last_payment", "最后一次还款的日期", "date", past=True),
    Field("last_contact", "贷款方最近一次催款，或你最近一次答应还款的日期", "date", past=True),
]
AFTER = ("时效过了，并不等于债务消失：贷款方仍然可以起诉，法院不会主动适用时效，要由你自己提出（《民法典》第一百九十三条）；"
         "过了时效以后你又答应还款的，就不能再以时效为由拒绝（《民法典》第一百九十二条）。")
REMINDER = ("这个日期只是按你填的日期做的粗略推算，不是建议你等它过去。贷款方每催一次款、你每还一次钱或答应还钱，"
            "时效都会重新计算（《民法典》第一百九十五条）；时效过了，债也不会消失，征信记录照样保留。")


def add_years(d: date, years: int) -> date:
    """Same month and day `years` later; 29 February falls back to the month's last day (28 February)."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def compute(values: dict, today: date) -> dict:
    errors, clean = check_all(FIELDS, values, today)
    if errors:
        return {"errors": errors}
    events = [("due", parse_date(clean["due"]), "最后一期到期：时效通常从这一天起算（《民法典》第一百八十八、一百八十九条）")]
    for fid, why in (("last_payment", "你还过钱：时效从这一天重新计算（《民法典》第一百九十五条）"),
                     ("last_contact", "催款或你答应还款：时效从这一天重新计算（《民法典》第一百九十五条）")):
        if clean[fid]:
            events.append((fid, parse_date(clean[fid]), why))
    events = [events[0]] + [e for e in events[1:] if e[1] >= events[0][1]]  # earlier payments do not move the start
    fid, start, why = max(events, key=lambda e: (e[1], e[0] != "due"))
    end = add_years(start, YEARS)
    steps = [f"{d.isoformat()}　{w}" for _, d, w in sorted(events, key=lambda e: e[1])]
    return {"result": {
        "start": start.isoformat(), "start_event": fid, "end": end.isoformat(), "passed": end < today,
        "steps": steps, "reminder": REMINDER, "after": AFTER if end < today else "",
        "summary": (f"按你填的日期，三年时效大约从 {start.isoformat()} 起算，到 {end.isoformat()} 前后届满"
                    + ("（已经过了这个日期）。" if end < today else "。")),
    }}
