"""The duty ledger's columns: the API's field names, the template's Chinese labels and common
synonyms of the town offices' own ledgers (工作台账)."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from advisors.models import DutyShift

from ..reading import header_key

COUNTERS = DutyShift.COUNTERS

# column: [template label (Chinese), API name, synonyms…]; the first entry is the template's header.
COLUMNS = {
    "town": ["镇街", "town", "镇（街）", "所属镇街", "镇"],
    "village_name": ["村居", "village_name", "村（社区）", "村社区", "村居名称", "服务村居", "村"],
    "village": ["村居代码", "village", "village_code", "区划代码", "村居编码"],
    "advisor_name": ["顾问姓名", "advisor_name", "法律顾问", "顾问", "律师", "姓名"],
    "license_no": ["执业证号", "license_no", "执业证编号", "证号", "licence"],
    "advisor": ["顾问编号", "advisor", "advisor_id"],
    "date": ["日期", "date", "值班日期", "服务日期", "工作日期"],
    "start_time": ["开始时间", "start_time", "开始", "起始时间"],
    "end_time": ["结束时间", "end_time", "结束", "截止时间"],
    "mode": ["服务方式", "mode", "方式", "值班方式"],
    "consultation_batches": ["法律咨询（批次）", "consultation_batches", "咨询批次", "解答咨询（批次）"],
    "consultation_people": ["法律咨询（人次）", "consultation_people", "咨询人次", "解答咨询（人次）"],
    "contracts_reviewed": ["审查合同", "contracts_reviewed", "审查合同（份）", "合同审查"],
    "legal_opinions": ["出具法律意见", "legal_opinions", "法律意见书", "出具法律意见（份）"],
    "documents_drafted": ["代写法律文书", "documents_drafted", "代写文书", "代写法律文书（份）"],
    "mediations": ["参与调解", "mediations", "调解纠纷", "参与调解（宗）"],
    "negotiations": ["参与谈判签约", "negotiations", "谈判签约"],
    "legal_aid_cases": ["法律援助案件", "legal_aid_cases", "法律援助", "引导法律援助"],
    "elections_assisted": ["协助村（居）换届选举", "elections_assisted", "协助换届选举", "换届选举"],
    "phone_consultations": ["电话咨询", "phone_consultations", "电话咨询（次）"],
    "outreach_sessions": ["开展普法讲座", "outreach_sessions", "普法讲座", "法治讲座", "普法宣传"],
    "notes": ["备注", "notes", "工作内容", "说明"],
}
# One of each group must be a column.
REQUIRED = (
    ("village", "village_name"),
    ("advisor", "license_no", "advisor_name"),
    ("date",),
    ("start_time",),
    ("end_time",),
)
# The English name of a column in messages when the page is in English.
LABELS = {
    "town": _("Town"),
    "village_name": _("Village"),
    "village": _("Village code"),
    "advisor_name": _("Advisor"),
    "license_no": _("Licence number"),
    "advisor": _("Advisor id"),
    "date": _("Date"),
    "start_time": _("Start time"),
    "end_time": _("End time"),
    "mode": _("Mode"),
    "notes": _("Notes"),
}


TOPIC = "topic:"  # a topic column is "topic:<code>"


def topic_columns(topics):
    """A column per topic of the vocabulary: its Chinese label, its code, its English label. The
    ledger's own columns win when a name is both (they come after these in ``columns_with``)."""
    columns = {}
    for topic in topics:
        names = []
        for language in ("zh-hans", "en"):
            with translation.override(language):
                names.append(topic.display_label)
        columns[TOPIC + topic.code] = [names[0], topic.code, names[1], f"{TOPIC}{topic.code}"]
    return columns


def columns_with(topics):
    return {**topic_columns(topics), **COLUMNS}


def label(column):
    if column in LABELS:
        return str(LABELS[column])
    return str(DutyShift._meta.get_field(column).verbose_name)


def mode_lookup():
    """Every way of writing a mode (code, English and Chinese label) → its code."""
    lookup = {}
    for code, name in DutyShift.Mode.choices:
        lookup[header_key(code)] = code
        for language in ("en", "zh-hans"):
            with translation.override(language):
                lookup[header_key(str(name))] = code
    for synonym, code in (
        ("坐班", "office"),
        ("入户", "home_visit"),
        ("走访", "home_visit"),
        ("电话", "remote"),
        ("线上", "remote"),
        ("预约", "appointment"),
    ):
        lookup[header_key(synonym)] = code
    return lookup


def allowed_modes():
    return " / ".join(f"{code} {name}" for code, name in DutyShift.Mode.choices)
