"""Sample reports for the supervisory features, written for the tests: units, years and the parts to vary."""
from __future__ import annotations

from pathlib import Path

MEASURES = {
    "甲": ("全年组织行政执法人员专业培训4期，轮训执法人员126名，考试合格率98%。"
          "修订重大行政决策合法性审查工作规则，审查重大行政决策事项9件。"
          "2024年5月出台《甲镇行政规范性文件管理办法》，清理规范性文件37件。"
          "办理行政复议案件12件，纠错2件。"
          "建成镇村两级公共法律服务站点18个，开展法治讲座26场。"),
    "乙": ("开展农村集体合同专项清理，审查合同214份，纠正不规范条款31处。"
          "全年办理行政执法案件87件，案卷评查优良率95%。"
          "镇政府常务会议会前学法10次。"
          "2024年3月印发《乙镇重大行政决策目录》，公开决策事项6项。"
          "聘请法律顾问2名，出具法律意见书48份。"),
    "丙": ("深入学习贯彻法治思想，不断提高依法行政水平。"
          "持续推进法治政府建设，各项工作取得积极成效。"
          "进一步规范行政执法行为，执法水平不断提升。"
          "扎实开展普法宣传，全民法治意识明显增强。"
          "着力优化营商环境，服务质量持续改善。"
          "全年开展法治宣传活动若干场。"),
}
SHORTCOMINGS = {
    "甲": ("一是基层执法人员数量偏少，持证执法人员仅能覆盖主要街区。"
          "二是行政执法案卷评查发现部分案卷证据链条不完整。"
          "三是普法宣传形式较为单一，群众参与程度不高。"),
    "乙": ("一是村级法律顾问作用发挥不够充分，合同审查存在滞后现象。"
          "二是重大行政决策公众参与渠道较窄，听证会召开次数偏少。"
          "三是执法装备更新缓慢，执法记录仪配备数量不足。"),
}
CAUSES = {
    "甲": ("究其原因，一是对法治建设重要性认识不够深入，存在重业务轻法治的倾向；"
          "二是执法队伍培训经费有限，新进人员占比较高；"
          "三是考核评价机制不够健全，督促落实的手段相对较少。"),
    "乙": ("究其原因，一是镇村财力紧张，购买法律服务的投入难以保障；"
          "二是决策部门征求意见的主动性不强，习惯于内部讨论；"
          "三是上级配发的执法装备指标有限，自筹资金渠道不畅。"),
}
PLAN = ("一是推进行政执法队伍专业化建设，开展执法人员全员轮训。"
        "二是完善重大行政决策合法性审查机制，扩大审查覆盖面。"
        "三是建设智慧普法平台，拓展线上普法阵地。"
        "四是开展行政规范性文件集中清理工作。")
FIRST_RESPONSIBLE = ("三、党政主要负责人履行推进法治建设第一责任人职责情况\n"
                     "主要负责人对法治建设重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办，"
                     "全年主持召开常务会议专题研究法治政府建设4次，带头开展会前学法12次，并在年终述职中专门述法。\n")


def report(unit: str, year: int = 2024, *, measures: str | None = None, shortcomings: str | None = None,
           causes: str | None = None, plan: str = PLAN, first_responsible: bool = True) -> str:
    """A township report of `unit` for `year`; each part can be replaced."""
    return (
        f"{unit}镇{year}年法治政府建设情况报告\n"
        f"一、{year}年推进法治政府建设的主要举措和成效\n"
        f"{MEASURES[unit] if measures is None else measures}\n"
        f"二、存在的不足和原因\n"
        f"{SHORTCOMINGS.get(unit, SHORTCOMINGS['甲']) if shortcomings is None else shortcomings}\n"
        f"{CAUSES.get(unit, CAUSES['甲']) if causes is None else causes}\n"
        + (FIRST_RESPONSIBLE if first_responsible else "")
        + f"四、{year + 1}年工作安排\n{plan}\n"
        f"{unit}镇人民政府\n{year + 1}年2月20日\n"
    )


def write(folder: Path, name: str, text: str) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def with_figures_changed(text: str) -> str:
    """The same text with other numbers: copying with the figures edited is still copying."""
    return text.replace("仅能", "只能").replace("部分", "少数")
