"""A synthetic corpus of plans of the Zhoushan genre, for scale tests (issue 6).

    .venv/bin/python -m bench.synth 100 --out /tmp/corpus --seed 0

`generate(count, out_dir, seed)` writes `count` plan files and `manifest.json`, which
says what was planted in each: id, title, region, period, published date, and the counts
of chapters, sections, tasks, goals, numeric targets and non-targets. Plans are
deterministic: the same seed gives byte-identical files, and plan i does not depend on
how many plans are asked for (generate(10) is a prefix of generate(100)).

The prose is the real plans': chapter titles, task titles and sentences come from the
Zhoushan plan (data/plans/zhoushan-2021-2025.txt) and from the two genre test plans,
with 舟山 replaced by the plan's invented region and every clause that holds a number
left out. Numbers go in only where this module puts them: numeric targets in the forms
data/indicators.yaml describes (each `{low-high}` below is exactly one target), and a few
numbers that are not targets (220千伏, 3岁以下, 15分钟, 5G), so the manifest knows how
many targets a correct reader finds. Places come from the Zhoushan profile: each plan names
its own subset of the archipelago's towns and islands.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated

import typer

from plankg.errors import PlankgError
from plankg.loaders.catalogue import profile_gazetteer
from plankg.loaders.metadata import slug, topic_slug
from plankg.loaders.resources import SHIPPED_DATA, data_dir, load_yaml

SOURCE_PLAN = Path("plans") / "zhoushan-2021-2025.txt"
R = "@"  # the region in source sentences, until a plan fills it in
PERIODS = [(2021, 2025), (2022, 2026), (2023, 2027)]
NUMERALS = "一二三四五六七八九十"

# Invented two-character city names: a literary first character, a place-like second.
FIRST = (
    "澜澄汀沅渚溆涟泓湄璟瑶琅珂枫桐榕樾芷蘅霁昀晟曦钰翎蔚岑峤崇岫屏槐楠桦栖棠柘荻蓼蒲萱"
    "茗黛碧翠澈漪滢沐渌洵溱濑灏焘韶歆赟骞鸥鹤雁鹊麓皋邺郗邗郫沣泷汭涔淞湍澧潇瀛篁筠绮缙"
    "绛鑫铎岷汶涪琮琛鸾隼霏霓嶂樟梓椿槿檀橘蕙芮苕荇莼菡萍蕖澍汐沄泠洹淼湉漱濠瀚杉枞柚桑峪崮"
)
SECOND = (
    "州阳江城宁安川平溪浦湾屿港门塘桥林原陵丘滨泉口都兴昌海台关河水东南山堰埠墩岙坞汇泽峰谷湖庄营坊"  # noqa: E501
)

# Numeric targets in tasks: text|words of the tasks it suits. Each {low-high} is one
# target; its value is drawn between low and high with as many decimals as they show.
TASK_TARGETS = """
新增高新技术企业{80-260}家、科技型中小企业{300-900}家|科技,创新,企业
新增规模以上工业企业{60-180}家|工业,制造,企业
规上工业企业装备数控化率达到{55-75}%以上|智能制造,数字化,制造
搭建区域级、行业级工业互联网平台{10-40}个以上|互联网,数字
数字经济核心产业增加值占地区生产总值比重达到{6-15}%|数字经济,数字
累计完成数字化改造投资{30-120}亿元|数字化,改造
技术交易额累计达{50-200}亿元以上|科技成果,技术,知识产权
全社会研发投入强度提高到{2.2-3.4}%|研发,科技,创新
新引进大学毕业生{5-15}万人、高层次人才{200-900}人以上|人才
全市技能人才数量达{15-40}万人|技能,职业,培训
高技能人才占技能劳动者比例达{30-40}%以上|技能,人才
建成创业孵化基地{10-30}家|创业,孵化
建立大学生见习基地{50-150}家|就业,大学生
5年城镇新增就业{5-25}万人,城镇登记失业率控制在{3.0-4.5}%以内|就业
城镇调查失业率控制在{4.0-5.5}%以内|就业,失业
完成全市重大项目投资{1500-5000}亿元|投资,项目
谋划安排重大建设项目{150-400}个|投资,项目
社会消费品零售总额达到{600-1500}亿元|消费,商业
全市货物贸易进出口总额达到{1000-4000}亿元,实际利用外资{3-12}亿美元|贸易,外资,开放
大宗商品交易额达到{1-3}万亿元|大宗商品,油气,交易
港口货物吞吐量达到{1.2-8.0}亿吨|港口,港航,物流
集装箱吞吐量突破{80-300}万标箱|港口,集装箱,航运
江海联运量{2.0-4.5}亿吨|江海联运,航运
新增光伏装机容量{40-150}万千瓦|能源,光伏,清洁
海上风电装机容量突破{100-300}万千瓦|能源,风电,清洁
单位地区生产总值能耗下降{12-16}%以上|能耗,碳,节能
累计创建省级以上绿色工厂{30-90}家|绿色,低碳,工业
建设现代渔农业园区{5-20}个|渔农业,农业
年经营性收入50万元以上的行政村占比达到{55-75}%|村级集体经济,强村,行政村
省新时代美丽乡村精品村覆盖率达{70-90}%|美丽乡村,乡村
渔农民人均可支配收入年均增长{6-9}%以上|收入,渔农民,农民
城镇和农村居民人均可支配收入分别达到{6.0-9.0}万元和{3.0-5.0}万元|收入,分配
城乡居民最低生活保障标准提高到{11000-16000}元/年|救助,低保,生活保障
基本养老保险参保人数达到{40-95}万人|参保,养老保险,社会保障
城镇居民人均住房建筑面积超过{40-50}平方米|住房,安居
完成城镇老旧小区改造{60-300}个|城市更新,老旧小区,城市
新增城市公共停车泊位{1-4}万个|停车,城市
人均公园绿地面积达到{12-18}平方米|公园,绿化,城市
新建中小学{4-15}所、幼儿园{6-25}所|教育,学校
学前三年入园率达到{96-99}%以上|学前,幼儿园,教育
普惠性幼儿园在园幼儿占比达到{85-95}%以上|幼儿园,学前,教育
每千人口拥有3岁以下婴幼儿托位数达到{3.5-5.5}个|托育,婴幼儿,生育,人口
每千人口拥有执业(助理)医师数达到{3.2-4.5}人|医,卫生,健康
每千人口拥有医疗机构床位数达到{6.0-8.0}张|医院,医疗,健康
县域就诊率达到{88-93}%以上|医共体,县域,医疗
全市村级卫生室规范化率达{85-95}%以上|卫生,医疗,基层
婴儿死亡率控制在{2-5}‰以下|健康,医疗,卫生
人均预期寿命达到{80.0-83.0}岁|健康
每万老年人口拥有养老护理人数{20-30}人|养老,老年
乡镇(街道)居家养老服务中心覆盖率达到{90-100}%|养老,居家
建成慈善超市{20-60}家|慈善
农村生活污水处理设施行政村覆盖率达到{90-98}%|污水,农村,环境
新增城镇污水处理能力{5.0-25.0}万立方米/日|污水,水环境,治水
城市、农村生活垃圾分类覆盖率分别达到{98-100}%、{85-97}%以上|垃圾,无废,环境
近岸海域优良水质比例不低于{50-70}%|海洋生态,海湾,海域
森林覆盖率稳定在{48-58}%左右|森林,生态,绿化
新建改建农村公路{100-600}公里|公路,交通,农村
完成陆岛交通码头提升改造{8-25}个|码头,交通,海岛
新增公共文化场馆{10-40}个|文化
创办有影响力的体育赛事{5-15}项|体育,赛事
年接待游客{2000-8000}万人次|旅游,文旅
建成示范社区{20-80}个|治理,社区
市级财政每年安排专项资金{1-10}亿元以上|财政,资金,保障
社会资本投入累计达到{50-300}亿元以上|投融资,资本,要素
"""

# Numeric targets in goals, by the goal's topic: topic|text.
GOAL_TARGETS = """
econ|人均地区生产总值达到{12-30}万元
econ|海洋经济增加值占地区生产总值比重提高到{40-72}%
econ|研究与试验发展(R&D)经费支出占地区生产总值比例提高到{2.0-3.5}%
econ|人力资源总量达到{20-60}万人
econ|全员劳动生产率提高到{20-35}万元/人
econ|劳动报酬占地区生产总值比重达到{48-56}%
econ|地区生产总值突破{900-5000}亿元
econ|高新技术企业突破{500-1800}家
econ|每万人口高价值发明专利拥有量达到{8-20}件
open|全市货物贸易进出口总额达到{1000-4000}亿元
open|服务贸易进出口额{100-300}亿元
open|实际利用外资{3-12}亿美元
open|港口货物吞吐量达到{1.2-8.0}亿吨
open|国际船加油{500-1200}万吨
urban|城乡居民收入倍差缩小到{1.5-2.0}以内
urban|常住人口城镇化率达{65-78}%
urban|省新时代美丽乡村精品村建成率{70-90}%以上
urban|森林覆盖率达到{45-60}%
urban|城市PM2.5平均浓度在{18-30}微克/立方米以内
urban|城市空气质量优良天数比例达{85-96}%以上
urban|地表水Ⅲ类以上水质比例达{85-98}%以上
social|每千人口拥有3岁以下婴幼儿托位数{3.5-5.5}个
social|二级以上、普惠性幼儿园占比分别达到{70-85}%、{85-95}%以上
social|高等教育毛入学率达到{60-75}%以上
social|劳动年龄人口平均受教育年限{10.5-12.5}年
social|人均预期寿命达到{80.0-83.0}岁
social|县域就诊率达{88-93}%以上
social|每千人口拥有执业(助理)医师数{3.2-4.5}人
social|最低生活保障标准达到{11000-16000}元/年
social|城镇住房保障受益覆盖率达{20-30}%以上
social|基本养老保险参保人数达到{40-95}万人
social|基本医疗保险参保率{97-99}%以上
social|每万老年人口拥有养老护理人数{20-30}人
vision|人均地区生产总值突破{25-40}万元
vision|常住人口城镇化率达到{76-85}%左右
vision|城乡居民人均可支配收入达到{8.0-15.0}万元以上
"""

# Numbers that are NOT targets, since each qualifies the noun after it (README,
# "Targets"): text|words of the tasks it suits. {a} {b} are towns of the plan.
NON_TARGETS = """
加快发展普惠托育服务,增加3岁以下婴幼儿照护服务供给。|托育,婴幼儿,人口,生育
建设完整社区,构建城镇社区15分钟生活圈。|城市,社区,城镇
实现5G网络乡镇级以上区域全覆盖,统筹推进下一代互联网、大数据中心、物联网建设。|数字,互联网
建成一批30万吨级以上泊位和智能化码头集群。|港口,码头,航运
加快融入全省1小时交通圈,构建市域、城区1小时交通圈。|交通,公路,铁路
推进智慧医院、海上120、智慧校园、智慧景区等建设。|数字,医院,智慧
高质量普及学前到高中段15年教育。|教育,学前
落实赋予科研人员职务成果所有权和不低于10年的长期使用权。|科技成果,科研
建设{a}-{b}220千伏线路工程、{b}220千伏输变电项目。|能源,电力,清洁
"""

# Sentences that name places: kind of place|text|words of the tasks it suits. {a} {b}
# {c} are filled per plan from the Zhoushan profile (data/regions/zhoushan/places.yaml).
PLACE_SENTENCES = """
towns|培育{a}、{b}、{c}等海岛小城市,推进美丽城镇建设,强化小城镇风貌环境管控。|城镇,城市,乡村
counties|推动{a}建成功能完善的秀丽县城,建成一批美丽城镇省级样板。|县城,城镇
archipelagos|加强{a}、{b}生态保护和无居民岛保护,建设海岛生态文明建设示范窗口。|生态,保护
remote|改善{a}、{b}等偏远海岛医疗条件,培育离岛医院全科医生。|医,健康,卫生
remote|完善{a}等偏远海岛地区养老设施,推进乡镇(街道)居家养老服务中心建设。|养老
towns|推进{a}、{b}陆岛交通码头建设,加强民生航线、涉旅航线、特色航线布局。|交通,码头
remote|推动优质师资志愿服务{a}、{b}等海岛学校。|教育,学校,师资
cities|实现与{a}、{b}及周边重要旅游城市便捷通达。|交通,旅游,航空
districts|聚力发展{a}、{b}等主城片区,统筹公共设施布局,加快完善城市功能。|城市,城区
remote|推进{a}海岛振兴,建成一批特色离岛和村庄。|乡村,振兴
cities|深化与{a}、{b}等城市协作,主动融入长三角一体化发展。|一体化,协作,区域
remote|改善{a}、{b}等偏远海岛政务服务供给。|治理,政务,基层
towns|推进{a}-{b}原油管道建设,建设安全可靠的油品管网。|能源,油气,管网
"""

# The genre test plans' chapters and tasks (tests/fixtures/plans/genre-*.txt) as prose
# without numbers, their invented places given to the region (@). "#" opens a chapter,
# "#!" a closing one (保障措施, always last); then task title|sentence|sentence…
GENRE_CHAPTERS = """
#推动海洋经济提质增效
培育壮大临港先进制造业集群|以@临港产业园为主平台,做大做强绿色石化、船舶修造、海工装备和新能源装备四大产业,深入实施“链长制”,推动产业链上下游协同发展。|开展“小升规”培育行动。
推动数字经济与实体经济深度融合|实施制造业数字化改造全覆盖行动,推进“产业大脑+未来工厂”建设,培育一批智能工厂和数字化车间。|加快新型基础设施建设。
建设现代化综合港区|加快@港区开发,推进智慧港口和绿色港口建设。
完善综合交通网络|加快沿海高铁@段、疏港公路建设,推进城市快速路网建设。
打造滨海科创平台|高水平建设@湾科创走廊和海洋装备产业创新中心,支持企业与高校院所共建研发机构。
#推进城乡融合和民生共享
推进以人为核心的新型城镇化|深化户籍制度改革,推动农业转移人口市民化。|加快城市有机更新。|推进未来社区建设。
实施乡村振兴共富行动|推进“一村一品”特色产业发展,壮大村级集体经济。|完善联农带农机制。
推进海岛共同富裕|完善海岛供水、供电、医疗、养老等基础设施,实现住人海岛客运航线公交化运营全覆盖。
推进教育优质均衡发展|加快发展普惠托育服务。
建设健康@|深化县域医共体改革。|推动优质医疗资源下沉海岛。
织密扎牢社会保障网|实施就业优先政策。
打好污染防治攻坚战|深入实施PM2.5和臭氧协同控制,推进“污水零直排区”建设。
推进绿色低碳转型|有序推进海上风电、光伏等清洁能源开发。|推进工业、建筑、交通等领域节能降碳,单位地区生产总值能耗下降完成省下达目标。
#推动产业集群化发展
做强先进制造业集群|聚焦新能源汽车及零部件、先进装备制造、新材料、电子信息四大主导产业,实施“链长+链主”协同推进机制,精准开展延链补链强链。
实施“智改数转”提速行动|推进规上工业企业数字化改造全覆盖。
培育优质企业梯队|实施企业梯度培育工程。|支持龙头企业兼并重组。
发展现代物流和生产性服务业|加快@港、@国际陆港建设。
#强化科技创新和人才支撑
建设高能级创新平台|推进@科学城提质扩容,争创国家级创新平台。
强化企业创新主体地位|落实研发费用加计扣除等政策。|推动创新链产业链资金链人才链深度融合。
集聚高素质人才|深入实施人才回归工程。
#提升城市功能和民生品质
提升城市综合承载能力|实施城市更新行动。|建设完整社区。
完善现代基础设施网络|加快沿江高铁@段建设。
提高医疗卫生服务水平|推进省级区域医疗中心建设。
促进高质量充分就业|健全就业公共服务体系。|实施农民收入倍增计划,拓宽农民经营性、财产性收入渠道。
加强生态环境治理|深入打好蓝天、碧水、净土保卫战,实施PM2.5和臭氧协同治理。
推进绿色低碳发展|大力发展分布式光伏。|推动重点行业节能降碳改造。
#!强化保障措施
加强组织领导|成立@工作领导小组,统筹推进重大事项、重大项目和重大改革。|各镇(街道)、各部门要细化工作举措,确保各项任务落到实处。
强化要素保障|创新投融资机制。|优先保障重大项目用地、用海、用能需求。
严格督查考核|将实施情况纳入各镇(街道)和市级部门年度综合考核,实行月调度、季通报、年考核。
#!保障措施
优化营商环境|深化“放管服”改革,推行涉企事项“一网通办”,落实惠企政策“免申即享”,构建亲清政商关系。
强化督查考核|将实施情况纳入县(区)和市直部门年度考核,实行季度调度、年度评估。
"""

# The plan's frame. Titles follow the region (with or without 市).
TITLES = """
高质量发展建设共同富裕示范区实施方案
高质量发展建设共同富裕示范区先行市实施方案
加快建设现代化滨海城市实施方案
推进共同富裕示范区建设行动计划
加快建设海洋经济强市行动计划
推动城乡区域协调发展实施方案
打造公共服务优质共享样板实施方案
建设共同富裕现代化基本单元行动方案
奋力打造海上花园城市实施方案
""".split()
PREAMBLES = """
为深入学习贯彻习近平新时代中国特色社会主义思想,全面落实《浙江高质量发展建设共同富裕示范区实施方案》,坚持浙江所需、@所能、群众所盼、未来所向,紧扣建设“四个@”目标,激情创业、拼搏赶超,创造性系统性落实各项任务,特制定{doc}。
为深入贯彻落实省委、省政府决策部署,加快建设现代化滨海城市,推动@在共同富裕中走在前列,结合@实际,制定{doc}。
为深入贯彻党的二十大精神,全面落实省委、省政府关于推进共同富裕的决策部署,立足@发展基础,发挥@海洋资源优势,制定{doc}。
""".split()
GOAL_CHAPTERS = "全面落实发展目标 主要目标 发展目标 总体目标 总体要求和主要目标".split()
GOAL_SECTIONS = "主要目标 发展目标".split()
GUIDING = (
    "以习近平新时代中国特色社会主义思想为指导,完整、准确、全面贯彻新发展理念,坚持陆海统筹、"
    "港产城融合、城乡一体,奋力把@建设成为产业兴旺、生态宜居、共建共享的现代化滨海城市。"
)
INTROS = """
围绕省委提出的“推动高质量发展建设共同富裕示范区取得明显实质性进展”目标,以解决地区差距、城乡差距和收入差距问题为主攻方向,更加注重向渔农村、偏远海岛、困难群众倾斜,加快破解发展不平衡不充分问题,在推动共同富裕中勇当探索者、实干者、闯关者,形成阶段性标志性成果。
全市经济社会发展质量效益同步跃升,@现代化建设迈出坚实步伐,共同富裕示范区建设取得明显实质性进展。
海洋经济综合实力明显增强,现代化滨海城市框架基本形成,城乡融合发展体制机制基本健全,@共同富裕美好社会建设取得阶段性成果。
""".split()
GOAL_LEADS = """
econ|率先推进海洋经济质量效率动力变革,努力成为高质量发展、竞争力提升、现代化先行的创新城市
open|率先建设全球海洋中心城市,努力成为融入国内国际双循环的开放城市
urban|率先推动城乡区域协调融合发展,努力成为群岛特色、海上花园、独具韵味的品质城市
social|率先基本实现全生命周期公共服务优质共享,努力成为共建共享、精神富足的幸福城市
econ|经济实力迈上新台阶
econ|产业能级显著跃升
econ|创新动能持续增强
open|对外开放水平全面提升
urban|城乡品质明显提升
urban|生态环境持续改善
social|民生福祉不断增进
""".split()
VISION_OPENERS = """
创新、开放、品质、幸福@建设取得更大成就,基本实现共同富裕
全面建成现代化滨海城市,@基本实现共同富裕
@现代化海上花园城市魅力全面展现,共同富裕美好社会基本建成
""".split()
VISION_PROSE = """
收入和财富分配格局更加优化,形成以中等收入群体为主体的橄榄型社会结构。
法治@、平安@达到高水平,治理体系和治理能力现代化水平明显提高,基本建成具有海岛特色的共同富裕美好社会。
城乡居民生活品质迈上新台阶。
""".split()
SECTION_TITLES = """
做强临港产业 提升港口能级 强化科技创新 促进城乡融合发展 提升公共服务水平 加强生态环境保护
推动产业转型升级 壮大数字经济 扩大有效需求 深化改革开放 完善收入分配制度 健全社会保障体系
推进教育现代化 提升健康服务水平 繁荣海洋文化 完善基础设施网络 推进乡村全面振兴 提升城市能级
强化生态修复 推动绿色低碳发展 提升基层治理水平 守牢安全发展底线 加强组织保障 强化政策支撑
健全工作机制 营造良好氛围 优化营商环境 集聚创新人才 拓展开放合作 促进共建共享
""".split()
# The web page around the plan.
SITES = "@市人民政府门户网站 @日报 @新闻网 浙江在线 @市发展和改革委员会".split()
NAVIGATION = ["首页 > 政务公开 > 政策文件", "当前位置:首页 > 新闻中心 > 要闻"]
PAPERS = "浙江日报 @日报 @市人民政府办公室".split()
EDITORS = "王晓 李明 陈静 张华 刘洋".split()
NEWS = """
@召开共同富裕示范区建设推进会
全省高质量发展建设共同富裕示范区工作推进会召开
@:奋力打造海上花园城市
@出台促进海洋经济高质量发展若干政策
""".split()


# ---------------------------------------------------------------- parsed tables
@dataclass(frozen=True)
class Target:
    """A clause stating numeric targets: one per (low, high, decimals) in `specs`."""

    text: str  # with {} where the values go
    specs: tuple[tuple[float, float, int], ...]
    triggers: tuple[str, ...]


RANGE_RE = re.compile(r"\{([\d.]+)-([\d.]+)\}")


def _target(text: str, triggers: str = "") -> Target:
    specs = tuple(
        (float(low), float(high), len(low.partition(".")[2]))
        for low, high in RANGE_RE.findall(text)
    )
    return Target(RANGE_RE.sub("{}", text), specs, tuple(filter(None, triggers.split(","))))


def _rows(block: str) -> list[list[str]]:
    return [line.split("|") for line in block.strip().splitlines()]


TASK_TARGET_LIST = [_target(text, triggers) for text, triggers in _rows(TASK_TARGETS)]
GOAL_TARGET_LISTS: dict[str, list[Target]] = {}
for _topic, _text in _rows(GOAL_TARGETS):
    GOAL_TARGET_LISTS.setdefault(_topic, []).append(_target(_text))
NON_TARGET_LIST = [(text, tuple(t.split(","))) for text, t in _rows(NON_TARGETS)]
PLACE_SENTENCE_LIST = [(k, text, tuple(t.split(","))) for k, text, t in _rows(PLACE_SENTENCES)]
GOAL_LEAD_LIST = [(lead, topic) for topic, lead in _rows("\n".join(GOAL_LEADS))]


# ---------------------------------------------------------------- source material
@dataclass
class Unit:
    """A source task: title and sentences (region as @), and the words to match."""

    title: str
    sentences: list[str]
    words: str


@dataclass
class SourceChapter:
    title: str
    closing: bool  # a 保障措施 chapter, which plans put last
    units: list[Unit]


@dataclass
class Sources:
    chapters: list[SourceChapter]
    goal_prose: dict[str, list[str]]  # topic -> the real plan's goal sentences
    places: dict[str, list[str]]  # kind of place -> names as plans write them
    place_ids: dict[str, str]  # name as written -> gazetteer id
    excluded: frozenset[str]  # known names and terms a region name must not be part of


DIGIT_RE = re.compile(r"[0-9０-９]")
SENTENCE_RE = re.compile(r"[^。]+。")
TASK_LINE_RE = re.compile(r"^\d{1,2}\.([^。]+)。(.*)$")
CHAPTER_LINE_RE = re.compile(rf"^[{NUMERALS}]{{1,2}}、(.+)$")


def _prose(sentence: str, local: list[str]) -> str | None:
    """The sentence without its clauses that hold numbers, region as @; None if too
    little is left, if it names the source city in a compound (甬舟, 舟岱, 宁波舟山港), or
    if it names a place of the archipelago (those are planted per plan instead)."""
    kept = [c for c in sentence.removesuffix("。").split(",") if c and not DIGIT_RE.search(c)]
    text = ",".join(kept)
    if len(text) < 8 or "舟" in text.replace("舟山", "") or "宁波舟山" in text:
        return None
    if any(name in text for name in local):
        return None
    if text.count("“") != text.count("”") or text.count("(") != text.count(")"):
        return None
    return text.replace("舟山", R) + "。"


def _make_unit(title: str, sentences: list[str]) -> Unit:
    return Unit(title, sentences, title + "".join(sentences))


@cache
def sources() -> Sources:
    """The real plan's prose, the genre plans' prose and the gazetteer, read once."""
    gazetteer = profile_gazetteer("舟山")  # the real plan's places: its region profile
    by_id = {p["id"]: p for p in gazetteer["places"]}

    def in_city(place: dict) -> bool:
        while place.get("parent"):
            if place["parent"] == "zhoushan":
                return True
            place = by_id[place["parent"]]
        return False

    def surfaces(place: dict) -> list[str]:
        return [s for s in [place["name"], *place.get("aliases", [])] if len(s) >= 2]

    def short(place: dict) -> str:
        return min((s for s in surfaces(place) if "舟" not in s), key=len)

    in_zhoushan = [p for p in gazetteer["places"] if in_city(p)]
    # The FTZ and the high-tech zone have generic aliases (自贸区, 高新区): keep that text.
    local = [
        s
        for p in in_zhoushan
        if p["id"] not in {"zhoushan-ftz", "zhoushan-high-tech-zone"}
        for s in surfaces(p)
    ]
    usable = [p for p in in_zhoushan if any("舟" not in s for s in surfaces(p))]
    places = {
        "towns": [short(p) for p in usable if p["kind"] in ("town", "island")],
        "remote": [short(p) for p in usable if p["remote"]],
        "archipelagos": [p["name"] for p in usable if p["kind"] == "archipelago"],
        "counties": [short(p) for p in usable if p["kind"] == "county"],
        "districts": [short(p) for p in usable if p["kind"] == "district"],
        "cities": [
            short(p) for p in gazetteer["places"] if p["kind"] == "city" and p["id"] != "zhoushan"
        ],
    }

    path = data_dir() / SOURCE_PLAN
    if not path.exists():
        path = SHIPPED_DATA / SOURCE_PLAN
    chapters: list[SourceChapter] = []
    goals: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("(来源"):
            break
        if m := CHAPTER_LINE_RE.match(line):
            title = m.group(1).replace("舟山", R)
            chapters.append(SourceChapter(title, "保障" in title, []))
        elif (m := TASK_LINE_RE.match(line)) and chapters:
            kept = [p for s in SENTENCE_RE.findall(m.group(2)) if (p := _prose(s, local))]
            chapters[-1].units.append(_make_unit(m.group(1).replace("舟山", R), kept))
        elif line.startswith("——"):
            goal = SENTENCE_RE.findall(line.removeprefix("——"))[1:]
            goals.append([p for s in goal if (p := _prose(s, local))])
    chapters = [c for c in chapters if c.units]  # chapter 一 holds the goals
    for line in GENRE_CHAPTERS.strip().splitlines():
        if line.startswith("#"):
            chapters.append(SourceChapter(line.lstrip("#!"), line.startswith("#!"), []))
        else:
            title, *sentences = line.split("|")
            chapters[-1].units.append(_make_unit(title, sentences))
    goal_prose = dict(zip(["econ", "open", "urban", "social"], goals, strict=True))

    themes = load_yaml("themes.yaml")["themes"]
    agencies = gazetteer["agencies"]
    excluded = frozenset(
        [s for p in gazetteer["places"] for s in surfaces(p)]
        + [c["text"] for c in gazetteer.get("compounds", [])]
        + list(gazetteer.get("not_mentions", []))
        + [t for theme in themes for t in theme.get("terms", [])]
        + [
            s
            for a in agencies
            for s in [a["name"], a["short_name"], *a.get("aliases", []), *a.get("remit", [])]
        ]
    )
    place_ids = {name: p["id"] for p in gazetteer["places"] for name in surfaces(p)}
    return Sources(chapters, goal_prose, places, place_ids, excluded)


def regions(seed: int) -> Iterator[tuple[str, str]]:
    """(name, pinyin slug) in corpus order: a fixed shuffle of all pairs of characters,
    skipping a pair whose slug is taken or that is part of a known name or term."""
    rng = random.Random(f"plankg-synth/{seed}/regions")
    pairs = [a + b for a in dict.fromkeys(FIRST) for b in dict.fromkeys(SECOND)]
    rng.shuffle(pairs)
    excluded = sources().excluded
    taken: set[str] = set()
    for name in pairs:
        key = slug(name)
        if key in taken or any(name in word for word in excluded):
            continue
        taken.add(key)
        yield name, key


# ---------------------------------------------------------------- one plan
class Planter:
    """Draws values and counts what it planted."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.targets = 0
        self.non_targets = 0

    def fill(self, target: Target) -> str:
        self.targets += len(target.specs)
        values = []
        for low, high, decimals in target.specs:
            if decimals:
                values.append(f"{self.rng.uniform(low, high):.{decimals}f}")
            else:
                values.append(str(self.rng.randint(int(low), int(high))))
        return target.text.format(*values)

    def pick(self, pool: list[Target], used: set[int], suits: Callable[[Target], bool]) -> Target:
        """A target of pool, preferring ones that suit the task and are not used yet."""
        order = list(range(len(pool)))
        self.rng.shuffle(order)
        for want_suit, want_new in ((True, True), (True, False), (False, True), (False, False)):
            for k in order:
                if (not want_suit or suits(pool[k])) and (not want_new or k not in used):
                    used.add(k)
                    return pool[k]
        raise ValueError("no targets to pick from")


def _sizer(fullwidth: bool) -> Callable[[str], int]:
    """Bytes of text in UTF-8, as written: full-width forms take three bytes, not one."""
    if not fullwidth:
        return lambda text: len(text.encode("utf-8"))
    return lambda text: len(text.encode("utf-8")) + 2 * sum(c.isascii() for c in text)


def _section_title(rng: random.Random, text: str, available: list[str]) -> str:
    """The section title that shares most pairs of characters with its tasks."""
    scored = [
        (sum(t[i : i + 2] in text for i in range(len(t) - 1)), rng.random(), t) for t in available
    ]
    title = max(scored)[2]
    available.remove(title)
    return title


def build_plan(
    index: int, seed: int, region: str, key: str, fullwidth: bool = False
) -> tuple[str, dict]:
    """Plan `index` of the corpus: the plan's text (LF, no page, no house style) and what
    was planted in it. `fullwidth` says how it will be written, for its size."""
    src = sources()
    _size = _sizer(fullwidth)
    rng = random.Random(f"plankg-synth/{seed}/plan/{index}")
    planter = Planter(rng)
    start, end = rng.choice(PERIODS)
    year = start + rng.choice([0, 0, 1])
    published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    with_city = rng.random() < 0.4
    title = region + ("市" if with_city else "") + rng.choice(TITLES)
    doc = "本行动计划" if title.endswith("计划") else "本方案"
    with_sections = rng.random() < 0.35
    n_chapters = rng.randint(5, 10)
    n_tasks = rng.randint(max(20, 2 * (n_chapters - 1)), 60)
    target_bytes = rng.uniform(17000, 33000)

    period = f"({start}-{end}年)"
    body = [title, period] if rng.random() < 0.5 else [title + period]
    body.append(rng.choice(PREAMBLES).format(doc=doc))

    # Chapter 一: an opening paragraph, the —— goals, the 2035 vision.
    if with_sections:
        body += ["一、总体要求", "(一)指导思想", GUIDING, f"(二){rng.choice(GOAL_SECTIONS)}"]
    else:
        body.append(f"一、{rng.choice(GOAL_CHAPTERS)}")
    body.append(f"到{end}年," + rng.choice(INTROS))
    n_goals = rng.randint(3, 5)
    goal_used: dict[str, set[int]] = {}
    said: set[str] = set()  # each sentence of the real goals once per plan
    for lead, topic in rng.sample(GOAL_LEAD_LIST, n_goals):
        prose = [s for s in src.goal_prose[topic] if not s.startswith(lead) and s not in said]
        parts = rng.sample(prose, min(len(prose), rng.randint(2, 4)))
        said.update(parts)
        for _ in range(rng.randint(1, 3)):
            pool, used = GOAL_TARGET_LISTS[topic], goal_used.setdefault(topic, set())
            count = rng.randint(1, 2)
            clauses = [planter.fill(planter.pick(pool, used, bool)) for _ in range(count)]
            opener = rng.choice(["", "", f"到{end}年,"])
            parts.insert(rng.randint(0, len(parts)), opener + ",".join(clauses) + "。")
        body.append(f"——{lead}。" + "".join(parts))
    vision = [f"展望到2035年,{rng.choice(VISION_OPENERS)}。"]
    targets = rng.sample(GOAL_TARGET_LISTS["vision"], rng.randint(1, 2))
    vision.append(",".join(planter.fill(t) for t in targets) + "。")
    vision += rng.sample(VISION_PROSE, rng.randint(1, 2))
    body.append("".join(vision))

    # The task chapters: source chapters, a closing one last, tasks drawn from each and,
    # where a chapter runs short, from the rest.
    main = [c for c in src.chapters if not c.closing]
    closing = [c for c in src.chapters if c.closing]
    chosen = rng.sample(main, n_chapters - 2) + [rng.choice(closing)]
    sizes = [2] * len(chosen)
    for _ in range(n_tasks - 2 * len(chosen)):
        sizes[rng.randrange(len(sizes))] += 1
    spare_main = [u for c in main for u in c.units]
    spare_closing = [u for c in closing for u in c.units]
    rng.shuffle(spare_main)
    rng.shuffle(spare_closing)
    titles: set[str] = set()
    tasks: list[tuple[int, Unit, SourceChapter]] = []  # (chapter index, unit, its source)
    for k, (chapter, size) in enumerate(zip(chosen, sizes, strict=True)):
        own = [u for u in chapter.units if u.title not in titles]
        units = [own[j] for j in sorted(rng.sample(range(len(own)), min(size, len(own))))]
        titles.update(u.title for u in units)
        spares = [spare_closing, spare_main] if chapter.closing else [spare_main, spare_closing]
        while len(units) < size:
            fresh = [u for pool in spares for u in pool if u.title not in titles]
            unit = fresh[0] if fresh else rng.choice(spare_main)  # all titles taken: repeat
            titles.add(unit.title)
            units.append(unit)
        tasks += [(k, u, chapter) for u in units]

    # Besides its own prose, a task may get targets, places and non-targets.
    extras: list[list[str]] = [[] for _ in tasks]

    def fitting(triggers: tuple[str, ...]) -> list[int]:
        found = [n for n, (_, u, _) in enumerate(tasks) if any(w in u.words for w in triggers)]
        return found or list(range(len(tasks)))

    named: list[str] = []  # the places these sentences name, as written
    for kind, template, triggers in rng.sample(PLACE_SENTENCE_LIST, rng.randint(3, 6)):
        names = rng.sample(src.places[kind], min(3, len(src.places[kind])))
        if "{b}" in template and len(names) < 2:
            continue
        names = names[: sum(f"{{{slot}}}" in template for slot in "abc")]
        named += names
        sentence = template.format(**dict(zip("abc", names, strict=False)))
        extras[rng.choice(fitting(triggers))].append(sentence)
    for template, triggers in rng.sample(NON_TARGET_LIST, rng.randint(1, 4)):
        a, b = rng.sample(src.places["towns"], 2)
        named += [a, b] if "{a}" in template else []
        sentence = template.format(a=a, b=b)
        extras[rng.choice(fitting(triggers))].append(sentence)
        planter.non_targets += len(re.findall(r"\d+", sentence))
    task_used: set[int] = set()
    for n, (_, unit, _) in enumerate(tasks):
        for _ in range(rng.choice([0, 0, 1, 1, 1, 2, 2])):

            def suits(target: Target, words: str = unit.words) -> bool:
                return any(w in words for w in target.triggers)

            count = 2 if rng.random() < 0.3 else 1
            clauses = [
                planter.fill(planter.pick(TASK_TARGET_LIST, task_used, suits)) for _ in range(count)
            ]
            opener = rng.choice(["", "", "", f"到{end}年,", f"到{end - 1}年,", "“十四五”期间,"])
            extras[n].append(opener + ",".join(clauses) + "。")

    # Each task's prose: its own sentences, then others of its source chapter, then any
    # other, each sentence used once in the plan, up to the task's share of the size.
    fixed = _size("\n".join(body)) + 3000  # the page and the headings
    share = min(1500, max(330, (target_bytes - fixed) / len(tasks)))
    reserved = {s for _, u, _ in tasks for s in u.sentences}
    spare: dict[int, list[str]] = {}
    for c in src.chapters:
        spare[id(c)] = [s for u in c.units for s in u.sentences if s not in reserved]
        rng.shuffle(spare[id(c)])
    anywhere = [s for c in src.chapters for s in spare[id(c)]]
    rng.shuffle(anywhere)
    used_sentences: set[str] = set()
    paragraphs_of: list[list[str]] = []
    for n, (_, unit, chapter) in enumerate(tasks):
        budget = share * rng.uniform(0.7, 1.3) - _size(unit.title) - sum(map(_size, extras[n]))
        text: list[str] = []
        total = 0
        for j, sentence in enumerate(unit.sentences):
            if total >= budget and text:
                break
            if sentence not in used_sentences and (j == 0 or rng.random() < 0.85):
                used_sentences.add(sentence)
                text.append(sentence)
                total += _size(sentence)
        for pool in (spare[id(chapter)], anywhere):
            while total < budget and pool:
                sentence = pool.pop()
                if sentence not in used_sentences:
                    used_sentences.add(sentence)
                    text.append(sentence)
                    total += _size(sentence)
        for extra in extras[n]:
            text.insert(rng.randint(1 if text else 0, len(text)), extra)
        first = f"{n + 1}.{unit.title}。"
        # Now and then a task runs on into a second, unnumbered paragraph.
        cuts = [j for j in range(2, len(text) - 1) if not DIGIT_RE.match(text[j])]
        if cuts and rng.random() < 0.12:
            cut = rng.choice(cuts)
            paragraphs_of.append([first + "".join(text[:cut]), "".join(text[cut:])])
        else:
            paragraphs_of.append([first + "".join(text)])

    n_sections = 2 if with_sections else 0
    section_titles = list(SECTION_TITLES)
    for k, chapter in enumerate(chosen):
        body.append(f"{NUMERALS[k + 1]}、{chapter.title}")
        mine = [p for (c, _, _), p in zip(tasks, paragraphs_of, strict=True) if c == k]
        if with_sections and len(mine) >= 2 and rng.random() < 0.85:
            count = rng.randint(2, min(3, len(mine)))
            bounds = [0, *sorted(rng.sample(range(1, len(mine)), count - 1)), len(mine)]
            for s in range(count):
                group = mine[bounds[s] : bounds[s + 1]]
                text = "".join(p for paragraphs in group for p in paragraphs)
                body.append(f"({NUMERALS[s]}){_section_title(rng, text, section_titles)}")
                body += [p for paragraphs in group for p in paragraphs]
            n_sections += count
        else:
            body += [p for paragraphs in mine for p in paragraphs]

    text = "\n".join(body).replace(R, region)
    # The loader reads the region from the title: the name before 市, or else the title
    # prefix the text repeats most (ties to the longer). Should a longer prefix win, the
    # title gets its 市.
    counts = {k: text.count(title[:k]) for k in (2, 3, 4)}
    if not with_city and any(k * counts[k] >= 2 * counts[2] for k in (3, 4) if counts[k] >= 3):
        plain, title = title, region + "市" + title[len(region) :]
        text = text.replace(plain, title)
    return text, {
        "id": f"{key}-{topic_slug(title[len(region) :].removeprefix('市'))}-{start}-{end}",
        "title": title,
        "region": region,
        "period": [start, end],
        "published": published,
        "chapters": n_chapters,
        "sections": n_sections,
        "tasks": len(tasks),
        "goals": n_goals + 1,
        "goal_years": [end] * n_goals + [2035],
        "targets": planter.targets,
        "non_targets": planter.non_targets,
        "places": list(dict.fromkeys(src.place_ids[name] for name in named)),
    }


def _fullwidth(text: str) -> str:
    return "".join(
        chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in text
    )


def house_style(rng: random.Random) -> dict:
    """How a site writes its pages: indents, blank lines, full-width forms, CRLF."""
    return {
        "indent": rng.choice(["", "  ", "\u3000\u3000"]),
        "blank_lines": rng.random() < 0.5,
        "fullwidth": rng.random() < 0.3,
        "crlf": rng.random() < 0.3,
    }


def render(rng: random.Random, plan: str, region: str, published: str, style: dict) -> str:
    """The web page around the plan (site, date, source, related news) in `style`."""
    before = [rng.choice(SITES)]
    if rng.random() < 0.6:
        before.append(rng.choice(NAVIGATION))
    year, month, day = published.split("-")
    if rng.random() < 0.3:  # a signing date too: the loader must prefer 发布日期
        before.append(f"成文日期:{year}年{int(month)}月{max(1, int(day) - 3)}日")
    if rng.random() < 0.5:
        before.append(f"发布日期:{published}")
    else:
        before.append(f"{rng.choice(['发布日期', '发布时间'])}:{year}年{int(month)}月{int(day)}日")
    after = [f"(来源:{rng.choice(PAPERS)})"]
    if rng.random() < 0.6:
        after += [f"责任编辑:{rng.choice(EDITORS)}", "相关新闻"]
        after += rng.sample(NEWS, rng.randint(1, 3))
    lines = plan.split("\n")
    head = 2 if lines[1].startswith("(") else 1  # the title and its period line
    lines = lines[:head] + [style["indent"] + line for line in lines[head:]]
    separator = "\n\n" if style["blank_lines"] else "\n"
    page = "\n".join(before) + "\n\n" + separator.join(lines) + "\n\n" + "\n".join(after) + "\n"
    page = page.replace(R, region)
    if style["fullwidth"]:
        page = _fullwidth(page)
    if style["crlf"]:
        page = page.replace("\n", "\r\n")
    return page


def generate(count: int, out_dir: Path, seed: int = 0) -> list[Path]:
    """Write `count` synthetic plans and `manifest.json` into out_dir; return the plans'
    paths in corpus order. Plan i depends only on (seed, i)."""
    if count < 0:
        raise ValueError("count must be at least 0")
    names = list(itertools.islice(regions(seed), count))
    if len(names) < count:  # before anything is written
        raise ValueError(f"there are only {len(names)} distinct region names: ask for fewer plans")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    manifest: list[dict] = []
    for index, (region, key) in enumerate(names):
        rng = random.Random(f"plankg-synth/{seed}/page/{index}")
        style = house_style(rng)
        plan, entry = build_plan(index, seed, region, key, style["fullwidth"])
        page = render(rng, plan, region, entry["published"], style)
        data = page.encode("utf-8")
        path = out_dir / f"{entry['id']}.txt"
        path.write_bytes(data)
        paths.append(path)
        manifest.append({"file": path.name, **entry, "bytes": len(data), "style": style})
    document = {"seed": seed, "count": count, "plans": manifest}
    (out_dir / "manifest.json").write_text(
        json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return paths


def main(
    count: Annotated[int, typer.Argument(help="how many plans", min=0, show_default=False)],
    out_dir: Annotated[Path, typer.Option("--out", help="folder to write them into")],
    seed: Annotated[int, typer.Option(help="same seed, same plans")] = 0,
) -> None:
    """Write a synthetic corpus of plans of the genre, with manifest.json, for scale tests."""
    started = time.perf_counter()
    try:
        paths = generate(count, out_dir, seed)
    except (PlankgError, ValueError) as error:  # a broken data folder; more plans than names
        typer.echo(f"error: {error}".replace("\n", " "), err=True)
        raise typer.Exit(2) from None
    size = sum(path.stat().st_size for path in paths)
    print(
        f"wrote {len(paths)} plans ({size / 1e6:.1f} MB) and manifest.json to {out_dir} "
        f"in {time.perf_counter() - started:.1f} s (seed {seed})"
    )


if __name__ == "__main__":
    typer.run(main)
