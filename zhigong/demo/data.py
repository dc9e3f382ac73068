"""The real shape of Wuhan that the demo federation is built on, and the word lists it uses.

Districts carry their GB/T 2260 codes; street names are the districts' real 街道. Development
zones have no code of their own in GB/T 2260, so each takes the code of the district it is
run together with. Enterprise names are invented from the word lists below.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhigong.unions.roles import DepartmentKind

CITY_CODE = "WH"
CITY_NAME = "武汉市总工会"
CITY_SHORT_NAME = "武汉市总"
CITY_REGION = "420100"
CITY_CENTRE_NAME = "武汉市职工服务中心"
CITY_CENTRE_ADDRESS = "武汉市江岸区解放大道 1388 号"
NATIONAL_HOTLINE = "12351"

# Departments set up inside the city federation and every district federation.
FEDERATION_DEPARTMENTS: tuple[str, ...] = (
    DepartmentKind.ORGANISATION,
    DepartmentKind.WOMEN,
    DepartmentKind.LEGAL,
    DepartmentKind.PUBLICITY,
    DepartmentKind.WELFARE,
)


@dataclass(frozen=True)
class District:
    region_code: str
    name: str
    streets: tuple[str, ...]  # real 街道, in the order the demo numbers them (S01, S02…)
    roads: tuple[str, ...]  # real main roads, for plausible addresses


DISTRICTS: tuple[District, ...] = (
    District(
        "420102",
        "江岸区",
        (
            "大智街道",
            "一元街道",
            "车站街道",
            "四唯街道",
            "永清街道",
            "西马街道",
            "球场街道",
            "劳动街道",
            "二七街道",
            "新村街道",
            "丹水池街道",
            "台北街道",
            "花桥街道",
            "谌家矶街道",
            "后湖街道",
            "塔子湖街道",
            "百步亭花园路街道",
        ),
        ("解放大道", "沿江大道", "中山大道", "黄浦大街", "京汉大道", "台北路", "后湖大道"),
    ),
    District(
        "420103",
        "江汉区",
        (
            "民族街道",
            "花楼街道",
            "水塔街道",
            "民权街道",
            "满春街道",
            "民意街道",
            "新华街道",
            "万松街道",
            "唐家墩街道",
            "北湖街道",
            "前进街道",
            "常青街道",
            "汉兴街道",
        ),
        ("建设大道", "解放大道", "中山大道", "江汉路", "新华路", "青年路", "发展大道"),
    ),
    District(
        "420104",
        "硚口区",
        (
            "古田街道",
            "韩家墩街道",
            "宗关街道",
            "汉水桥街道",
            "宝丰街道",
            "荣华街道",
            "汉中街道",
            "汉正街道",
            "六角亭街道",
            "长丰街道",
            "易家街道",
        ),
        ("解放大道", "中山大道", "京汉大道", "古田二路", "汉西一路", "崇仁路", "长丰大道"),
    ),
    District(
        "420105",
        "汉阳区",
        (
            "建桥街道",
            "晴川街道",
            "鹦鹉街道",
            "洲头街道",
            "五里墩街道",
            "琴断口街道",
            "江汉二桥街道",
            "永丰街道",
            "江堤街道",
            "四新街道",
            "龙阳街道",
            "翠微街道",
        ),
        ("汉阳大道", "鹦鹉大道", "龙阳大道", "琴台大道", "汉阳大街", "江城大道", "四新大道"),
    ),
    District(
        "420106",
        "武昌区",
        (
            "积玉桥街道",
            "杨园街道",
            "徐家棚街道",
            "粮道街道",
            "中华路街道",
            "黄鹤楼街道",
            "紫阳街道",
            "白沙洲街道",
            "首义路街道",
            "中南路街道",
            "水果湖街道",
            "珞珈山街道",
            "石洞街道",
            "南湖街道",
        ),
        ("中北路", "中山路", "武珞路", "友谊大道", "和平大道", "徐东大街", "中南路"),
    ),
    District(
        "420107",
        "青山区",
        (
            "红卫路街道",
            "冶金街道",
            "新沟桥街道",
            "红钢城街道",
            "工人村街道",
            "青山镇街道",
            "厂前街道",
            "武东街道",
            "白玉山街道",
            "钢花村街道",
        ),
        ("和平大道", "建设一路", "冶金大道", "友谊大道", "红钢城大街", "临江大道"),
    ),
    District(
        "420111",
        "洪山区",
        (
            "珞南街道",
            "狮子山街道",
            "张家湾街道",
            "梨园街道",
            "卓刀泉街道",
            "洪山街道",
            "和平街道",
            "青菱街道",
        ),
        ("珞喻路", "雄楚大道", "书城路", "南湖大道", "白沙洲大道", "民族大道", "卓刀泉路"),
    ),
    District(
        "420112",
        "东西湖区",
        (
            "吴家山街道",
            "柏泉街道",
            "将军路街道",
            "慈惠街道",
            "走马岭街道",
            "径河街道",
            "长青街道",
            "辛安渡街道",
            "东山街道",
            "新沟镇街道",
            "金银湖街道",
            "常青花园新区街道",
        ),
        ("东吴大道", "临空港大道", "金山大道", "将军路", "金银湖路"),
    ),
    District(
        "420113",
        "汉南区",
        ("纱帽街道", "邓南街道", "东荆街道", "湘口街道"),
        ("汉南大道", "兴城大道", "纱帽正街"),
    ),
    District(
        "420114",
        "蔡甸区",
        (
            "蔡甸街道",
            "奓山街道",
            "永安街道",
            "侏儒山街道",
            "大集街道",
            "张湾街道",
            "索河街道",
            "玉贤街道",
        ),
        ("蔡甸大街", "树藩大街", "知音湖大道", "新天大道"),
    ),
    District(
        "420115",
        "江夏区",
        (
            "纸坊街道",
            "金口街道",
            "乌龙泉街道",
            "郑店街道",
            "五里界街道",
            "山坡街道",
            "安山街道",
            "湖泗街道",
            "法泗街道",
            "舒安街道",
        ),
        ("文化大道", "纸坊大街", "江夏大道", "谭鑫培路"),
    ),
    District(
        "420116",
        "黄陂区",
        (
            "前川街道",
            "滠口街道",
            "祁家湾街道",
            "横店街道",
            "罗汉寺街道",
            "天河街道",
            "武湖街道",
            "六指街道",
            "王家河街道",
            "长轩岭街道",
        ),
        ("黄陂大道", "前川大道", "百秀街", "川龙大道", "盘龙大道"),
    ),
    District(
        "420117",
        "新洲区",
        (
            "邾城街道",
            "阳逻街道",
            "仓埠街道",
            "汪集街道",
            "李集街道",
            "三店街道",
            "潘塘街道",
            "旧街街道",
            "双柳街道",
            "辛冲街道",
            "徐古街道",
        ),
        ("齐安大道", "新洲大街", "港城大道"),
    ),
)


@dataclass(frozen=True)
class Sector:
    """An industry union under the city federation, or a development zone union."""

    code: str
    name: str
    region_code: str
    trades: tuple[str, ...]  # what its grassroots enterprises (or institutions) do
    institution: bool = False  # names are "武汉市…" institutions rather than companies
    area: str = ""  # how addresses in a zone begin, after "武汉市"
    roads: tuple[str, ...] = ()  # real main roads of a zone, for plausible addresses


INDUSTRIES: tuple[Sector, ...] = (
    Sector(
        "WH-IND-EDU",
        "武汉市教育工会",
        CITY_REGION,
        ("实验小学", "实验中学", "外国语学校", "职业技术学校", "幼儿园", "特殊教育学校"),
        institution=True,
    ),
    Sector(
        "WH-IND-FIN",
        "武汉市金融工会",
        CITY_REGION,
        ("融资担保", "小额贷款", "保险代理", "资产管理", "金融服务外包", "典当"),
    ),
    Sector(
        "WH-IND-TRADE",
        "武汉市商贸工会",
        CITY_REGION,
        ("商贸", "超市", "百货", "电器销售", "医药连锁", "餐饮连锁", "农产品批发"),
    ),
    Sector(
        "WH-IND-BUILD",
        "武汉市建设工会",
        CITY_REGION,
        ("建筑工程", "市政工程", "路桥工程", "装饰工程", "工程监理", "建材"),
    ),
    Sector(
        "WH-IND-TRANS",
        "武汉市交通运输工会",
        CITY_REGION,
        ("出租汽车", "客运", "货运", "物流", "港口服务", "驾驶员培训"),
    ),
    Sector(
        "WH-IND-HEALTH",
        "武汉市卫生健康工会",
        CITY_REGION,
        ("医院", "口腔医院", "康复医院", "中医医院", "妇幼保健院", "护理院"),
        institution=True,
    ),
)

ZONES: tuple[Sector, ...] = (
    # 东湖新技术开发区 (光谷) grew out of 洪山区.
    Sector(
        "WH-ZONE-DH",
        "武汉东湖新技术开发区工会",
        "420111",
        ("光电科技", "软件", "生物医药", "激光", "集成电路", "光通信", "医疗器械", "网络科技"),
        area="东湖新技术开发区",
        roads=("光谷大道", "高新大道", "关山大道", "珞喻路", "花城大道"),
    ),
    # 武汉经济技术开发区 (车谷) has also governed 汉南区 since 2013.
    Sector(
        "WH-ZONE-JK",
        "武汉经济技术开发区工会",
        "420113",
        ("汽车零部件", "汽车电子", "智能装备", "模具", "新能源科技", "精密机械", "物流"),
        area="经济技术开发区",
        roads=("东风大道", "沌阳大道", "车城南路", "江城大道"),
    ),
    # 临空港经济技术开发区 and 东西湖区 are one government.
    Sector(
        "WH-ZONE-LKG",
        "武汉临空港经济技术开发区工会",
        "420112",
        ("物流", "食品", "冷链", "电子商务", "航空服务", "装备制造", "网络科技"),
        area="东西湖区",
        roads=("临空港大道", "金山大道", "东吴大道", "新城十一路"),
    ),
)

# Trades of ordinary enterprises in the streets.
STREET_TRADES: tuple[str, ...] = (
    "精密机械",
    "电子科技",
    "光电科技",
    "物流",
    "建筑工程",
    "食品",
    "医药",
    "餐饮管理",
    "物业服务",
    "汽车零部件",
    "纺织",
    "印务",
    "环保科技",
    "软件",
    "商贸",
    "家政服务",
    "信息技术",
    "新材料",
    "生物科技",
    "装饰工程",
    "酒店管理",
    "供应链管理",
    "智能装备",
    "电气",
    "钢结构",
    "包装",
    "服饰",
    "建材",
    "农业科技",
    "文化传媒",
    "保安服务",
    "人力资源",
    "通信工程",
    "机电设备",
    "水务工程",
    "仪器仪表",
    "网络科技",
    "商业管理",
    "广告",
    "汽车销售服务",
)

# Enterprise brands: local place words, or two characters that Chinese firms favour.
PLACE_BRANDS: tuple[str, ...] = (
    "江城",
    "楚天",
    "汉江",
    "晴川",
    "黄鹤",
    "东湖",
    "龟山",
    "知音",
    "珞珈",
    "荆楚",
    "琴台",
    "南湖",
    "沙湖",
    "月湖",
    "木兰",
    "盘龙",
    "光谷",
    "车都",
    "滨江",
    "江汉",
    "楚才",
    "汤逊",
    "墨水湖",
    "汉水",
)
BRAND_CHARS = (
    "鑫华达通瑞恒泰盛博宏昌源益康嘉兴和信诚腾越"
    "锦立凯明辉新永佳安丰远众德元汇创卓联宇金隆盈顺祥福君睿航星海"
)
COMPANY_SUFFIXES: tuple[str, ...] = ("有限公司", "有限公司", "有限公司", "股份有限公司")
COMPANY_PREFIXES: tuple[str, ...] = ("武汉", "武汉", "武汉", "湖北")

COMMUNITY_WORDS: tuple[str, ...] = (
    "幸福",
    "和平",
    "建设",
    "新华",
    "胜利",
    "友谊",
    "光明",
    "花园",
    "同心",
    "惠民",
    "阳光",
    "民主",
    "复兴",
    "朝阳",
    "长青",
    "丰收",
    "锦绣",
    "春晖",
    "秀水",
    "荷花",
    "桃源",
    "育才",
    "文昌",
    "江滩",
    "湖景",
    "振兴",
    "紫荆",
    "青年",
    "东方",
    "金桥",
    "怡和",
    "翠园",
)

# The enterprise the grassroots demo accounts belong to: the first one of 大智街道.
FIXED_ENTERPRISE = "武汉江城精密机械有限公司"

DEMO_PASSWORD = "Demo-2026!zg"
