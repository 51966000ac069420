"""What the demo public notices and online requests for help say: plain Chinese texts, contact
details made up from the region code (fixed lines with the city's real area code, invented
numbers; e-mail and web addresses on the reserved ``.example`` domain), and the demo requests.

Pure: plain strings and dates in and out, no database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

# The public telephone area codes of Anhui's cities (the province uses Hefei's).
AREA_CODES = {
    "3400": "0551",
    "3401": "0551",
    "3402": "0553",
    "3403": "0552",
    "3404": "0554",
    "3405": "0555",
    "3406": "0561",
    "3407": "0562",
    "3408": "0556",
    "3410": "0559",
    "3411": "0550",
    "3412": "0558",
    "3413": "0557",
    "3415": "0564",
    "3416": "0558",
    "3417": "0566",
    "3418": "0563",
}
WEEKDAYS = "一二三四五"
ORDINALS = {1: "一", 3: "三"}
DUTY_HOURS = "9:00—12:00"
# Every demo notice's scope of cases starts so: a notice written by this module is known by it.
SCOPE_MARK = "本工作站为残疾人及其亲属免费提供以下法律服务"
SCOPE = (
    SCOPE_MARK + "：\n"
    "1. 法律咨询：就业、教育、康复、社会保障、婚姻家庭、继承等方面的法律问题；\n"
    "2. 代写法律文书：起诉状、答辩状、仲裁申请书、复议申请书等；\n"
    "3. 调解：涉及残疾人的邻里、家庭、劳动等纠纷；\n"
    "4. 协调：协调有关部门和单位依法解决残疾人的合理诉求；\n"
    "5. 代理：民事、行政诉讼和劳动争议仲裁的代理；\n"
    "6. 刑事辩护：为涉嫌犯罪的残疾人辩护。\n"
    "符合条件的，帮助您申请法律援助或者司法救助，并转给法律援助机构、人民法院或人民检察院办理。"
)
# The 2026 version adds the web channel and the promise to answer within three working days.
SCOPE_2026 = SCOPE + (
    "\n2026年起，您也可以在网上提交求助申请，我们在3个工作日内联系您；"
    "需要手语翻译、大字材料或上门服务的，请在申请时告诉我们。"
)
WORKFLOW = (
    "1. 登记：来访、来电、短信、电子邮件或网上求助都可以，工作人员记下您的情况和诉求；\n"
    "2. 审查：3个工作日内了解情况，看是否属于本工作站的服务范围；\n"
    "3. 受理或转介：属于服务范围的予以受理；需要法律援助或司法救助的，帮您申请并转给有关机构；"
    "不属于的，告诉您原因和可以去哪里；\n"
    "4. 办理：由律师或法律工作者为您咨询、代写文书、调解或代理；\n"
    "5. 回访：办结后30日内回访，听取您的意见；\n"
    "6. 归档：材料整理归档，您的个人信息依法保密。"
)


def area_code(code: str) -> str:
    return AREA_CODES.get(code[:4], "0551")


def duty_weekday(number: int) -> int:
    """The weekday (0 = Monday … 4 = Friday) of a workstation's duty days, from its number."""
    return number % 5


def working_hours(weekday: int, twice: bool) -> str:
    weeks = "第一、三个" if twice else "第一个"
    return (
        "周一至周五 8:30—12:00，14:30—17:30（法定节假日除外）；"
        f"每月{weeks}周{WEEKDAYS[weekday]} {DUTY_HOURS} 律师现场值班"
    )


def office_address(address: str, region_name: str) -> str:
    place = address or f"{region_name}残疾人联合会一楼"
    if "一楼" not in place:
        place += "一楼"
    return f"{place}（入口设无障碍通道，轮椅可直达）"


def contacts(code: str, number: int) -> dict[str, str]:
    """Phone, SMS number, e-mail and sign-language video contact of the workstation ``code``;
    ``number`` (0 ≤ n < 10⁷) makes the phone number."""
    area = area_code(code)
    return {
        "phone": f"{area}-6{number % 10**7:07d}",
        "sms_number": f"106{area[1:]}{code}",
        "email": f"flyz@{code}.cl.example",
        "sign_language_video": (
            f"手语视频连线 https://video.{code}.cl.example/（工作日 9:00—11:30，手语翻译在线）"
        ),
    }


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


# Public holidays a duty day moves a week later from: New Year's Day, Labour Day, National Day
# (fixed), and the Spring Festival week (its eve to the sixth day) of the coming years.
FIXED_HOLIDAYS = {(1, 1), *((5, d) for d in range(1, 4)), *((10, d) for d in range(1, 8))}
SPRING_FESTIVAL = (date(2026, 2, 17), date(2027, 2, 6), date(2028, 1, 26), date(2029, 2, 13))


def is_holiday(day: date) -> bool:
    return (day.month, day.day) in FIXED_HOLIDAYS or any(
        -1 <= (day - first).days <= 6 for first in SPRING_FESTIVAL
    )


def duty_dates(today: date, weekday: int, twice: bool, months: int = 3) -> list[date]:
    """The duty days after ``today`` and up to ``months`` months ahead: the first (and third when
    ``twice``) ``weekday`` of each month, a week later when that is a public holiday."""
    until = add_months(today, months)
    days = []
    for offset in range(months + 1):
        month_start = add_months(today.replace(day=1), offset)
        for nth in (1, 3) if twice else (1,):
            day = nth_weekday(month_start.year, month_start.month, weekday, nth)
            while is_holiday(day):
                day += timedelta(days=7)
            if today < day <= until and day not in days:
                days.append(day)
    return days


@dataclass(frozen=True)
class DemoRequest:
    """One demo online request for help; ``factor`` is its status-lookup second factor (the
    phone's last four digits, or the code of an e-mail-only request)."""

    key: str
    body: str  # the reference without its check symbol
    region: str  # the county chosen (another one when it has no workstation in service)
    days_ago: int
    requester: str
    name: str
    matter: str
    contact_preference: str
    phone: str = ""
    email: str = ""
    relationship: str = ""
    person_name: str = ""
    do_not_phone: bool = False
    disability_categories: list[str] = field(default_factory=list)
    communication_needs: list[str] = field(default_factory=list)
    needs_other: str = ""
    code: str = ""

    @property
    def factor(self) -> str:
        return self.phone[-4:] if self.phone else self.code


REQUESTS = (
    DemoRequest(
        key="demo-portal-1",
        body="DEM1340102",
        region="340102",
        days_ago=2,
        requester="on_behalf",
        name="周某",
        relationship="女儿",
        person_name="周某某",
        phone="13900551024",
        contact_preference="sms",
        disability_categories=["2"],
        communication_needs=["sign_language", "written"],
        matter=(
            "我父亲是聋人，在一家物流公司做分拣工三年，公司拖欠他8月到10月的工资共一万二千元，"
            "找老板几次都被推走。他不会说话，看不懂长的文件，办理时请安排手语翻译，"
            "有事请发短信给我。"
        ),
    ),
    DemoRequest(
        key="demo-portal-2",
        body="DEM2340102",
        region="340102",
        days_ago=3,
        requester="self",
        name="孙某",
        email="sun.demo@mail.example",
        contact_preference="email",
        disability_categories=["4"],
        code="4821",
        matter=(
            "我坐轮椅。小区去年改造后，单元门口的无障碍坡道被改成了台阶，"
            "物业说没钱改回去。我现在出门要请人抬，想知道能不能要求他们恢复坡道。"
        ),
    ),
    DemoRequest(
        key="demo-portal-3",
        body="DEM3340102",
        region="340102",
        days_ago=5,
        requester="self",
        name="吴某",
        phone="13600551287",
        contact_preference="sms",
        do_not_phone=True,
        disability_categories=["6"],
        communication_needs=["easy_read"],
        needs_other="接电话会紧张，请只发短信或写信",
        matter=(
            "我的低保上个月突然停了，街道没有给我书面通知，也没说原因。"
            "我一个人生活，没有别的收入，想申请恢复低保。"
        ),
    ),
    DemoRequest(
        key="demo-portal-4",
        body="DEM4340103",
        region="340103",
        days_ago=4,
        requester="self",
        name="郑某",
        phone="13700551563",
        contact_preference="phone",
        matter=(
            "去年在工地干活从脚手架上摔下来，左腿截肢，现在评了残疾。"
            "包工头说我是临时工，不给报工伤，也不赔钱。我想申请工伤认定。"
        ),
    ),
)
