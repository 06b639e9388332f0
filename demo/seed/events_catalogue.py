"""The tables the demo events are drawn from: months, topics, kinds, titles, venues, check-in
ranges, speakers, campaign days, and the attendees' occupations and ages.

Data only, plus ``pick`` (one key of a weights table); the draws themselves, and their order, stay
in events_demo.py and events_checkins.py.
"""

MONTH_WEIGHT = {1: 0.8, 2: 0.5, 3: 1.2, 4: 1.0, 5: 1.3, 6: 1.2, 7: 0.8, 8: 0.8, 9: 1.0, 10: 0.8, 11: 1.0, 12: 1.3}
TOPICS = {
    "villages": [
        "民法典",
        "农村土地承包法",
        "反电信网络诈骗",
        "防范养老诈骗",
        "婚姻家庭",
        "乡村振兴促进法",
        "禁毒",
        "扫黑除恶",
        "消防安全",
        "反家庭暴力",
    ],
    "communities": [
        "民法典",
        "反电信网络诈骗",
        "防范养老诈骗",
        "物业管理条例",
        "反家庭暴力",
        "禁毒",
        "消防安全",
        "妇女权益保障法",
    ],
    "schools": ["未成年人保护法", "预防校园欺凌", "禁毒", "网络安全", "宪法", "道路交通安全"],
    "enterprises": ["劳动合同法", "安全生产法", "反电信网络诈骗", "职业病防治法", "民法典合同编"],
    "organs": ["宪法", "行政复议法", "国家安全法", "民法典", "保守国家秘密法"],
    "units": ["宪法", "安全生产法", "民法典", "法律援助法"],
    "online": ["宪法", "民法典", "反电信网络诈骗", "国家安全法", "禁毒"],
}
KINDS = {
    "villages": {"lecture": 35, "case_study": 20, "consultation": 15, "campaign": 15, "performance": 10, "other": 5},
    "communities": {"lecture": 35, "case_study": 20, "consultation": 15, "campaign": 15, "performance": 10, "other": 5},
    "schools": {"lecture": 60, "case_study": 30, "performance": 10},
    "enterprises": {"lecture": 50, "training": 30, "consultation": 20},
    "organs": {"training": 50, "lecture": 40, "case_study": 10},
    "units": {"training": 50, "lecture": 40, "case_study": 10},
    "online": {"online": 100},
}
TITLES = {
    "lecture": "{topic}专题讲座",
    "case_study": "以案释法:{topic}",
    "consultation": "{topic}免费法律咨询",
    "campaign": "{topic}主题宣传",
    "performance": "“{topic}”普法文艺演出",
    "training": "{topic}专题培训",
    "online": "“{topic}”线上有奖知识竞答",
    "other": "{topic}普法活动",
}
VENUES = {
    "village": ["党群服务中心", "文化广场", "公共法律服务工作室", "祠堂", "村委会议室"],
    "town": ["综合文化站", "人民政府会议室", "工业园区", "中学"],
    "district": ["斗门区文化广场", "斗门区融媒体中心", "斗门区政务服务中心"],
}
CHECKINS = {
    "lecture": (8, 36),
    "case_study": (8, 32),
    "consultation": (4, 20),
    "campaign": (16, 56),
    "performance": (24, 72),
    "training": (12, 40),
    "other": (6, 24),
}
OTHER_SPEAKERS = [
    "王法官(斗门区人民法院)",
    "李检察官(斗门区人民检察院)",
    "陈警官(井岸派出所)",
    "黄老师(斗门区普法讲师团)",
    "梁老师(斗门区第一中学)",
    "周股长(斗门区司法局普法股)",
    "何律师(志愿律师)",
    "赵调解员(区人民调解委员会)",
]
CAMPAIGN_DAYS = [
    (3, 15, "消费者权益保护法"),
    (4, 15, "国家安全法"),
    (5, 10, "民法典"),
    (5, 20, "民法典"),
    (6, 26, "禁毒"),
    (11, 9, "消防安全"),
    (12, 4, "宪法"),
]
OCCUPATIONS = {
    "villages": {
        "farmer": 45,
        "worker": 15,
        "migrant_worker": 8,
        "retired": 15,
        "other": 10,
        "enterprise_staff": 5,
        "civil_servant": 2,
    },
    "communities": {
        "worker": 25,
        "enterprise_staff": 20,
        "retired": 25,
        "other": 15,
        "migrant_worker": 10,
        "civil_servant": 5,
    },
    "schools": {"student": 90, "civil_servant": 3, "other": 7},
    "enterprises": {"enterprise_staff": 60, "migrant_worker": 30, "worker": 10},
    "organs": {"civil_servant": 75, "other": 25},
    "units": {"civil_servant": 50, "enterprise_staff": 20, "other": 30},
}
AGES = {
    "default": {"under_18": 3, "18_35": 22, "36_59": 45, "60_plus": 30},
    "elderly": {"18_35": 5, "36_59": 35, "60_plus": 60},
    "students": {"under_18": 85, "18_35": 10, "36_59": 5},
    "work": {"18_35": 55, "36_59": 43, "60_plus": 2},
}


def pick(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]
