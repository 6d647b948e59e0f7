namespace Wenjiu.Recruitment.Contracts;

/// <summary>
/// The eight major groups (大类) of the national occupational classification (《中华人民共和国职业分类大典》, 2015 edition).
/// </summary>
public sealed record OccupationMajorGroup(int Code, string NameZh, string NameEn);

/// <summary>An occupation of the compact taxonomy: its code, its major group, its names and the words people search it by.</summary>
/// <param name="TypicalSkills">Skill codes a posting for it usually asks (a posting or a line chooses its own).</param>
public sealed record Occupation(
    string Code, int MajorGroup, string NameZh, string NameEn, IReadOnlyList<string> SynonymsZh, IReadOnlyList<string> SynonymsEn,
    IReadOnlyList<string> TypicalSkills, decimal TypicalPayMin, decimal TypicalPayMax);

/// <summary>A skill, licence or certificate a posting may require and a resume may show.</summary>
public sealed record Skill(string Code, string NameZh, string NameEn, IReadOnlyList<string> SynonymsZh, IReadOnlyList<string> SynonymsEn);

/// <summary>
/// The occupation and skill taxonomy the ledger's demand lines, postings, resumes, search and recommendations share.
/// Compact on purpose (the occupations a city's key enterprises hired for in 2020), mapped to the classification's major
/// groups. Versioned: a new version adds codes and never reuses or removes one, so a posting keeps the meaning of the
/// codes it was written with; <see cref="Version"/> names the one in force.
/// </summary>
public static class OccupationTaxonomy
{
    public const string Version = "2020.1";

    public static readonly IReadOnlyList<OccupationMajorGroup> MajorGroups =
    [
        new(1, "党的机关、国家机关、群众团体和社会组织、企事业单位负责人", "Heads of public bodies, organisations, enterprises and institutions"),
        new(2, "专业技术人员", "Professional and technical personnel"),
        new(3, "办事人员和有关人员", "Clerks and related personnel"),
        new(4, "社会生产服务和生活服务人员", "Production and everyday service personnel"),
        new(5, "农、林、牧、渔业生产及辅助人员", "Agriculture, forestry, animal husbandry and fishery personnel"),
        new(6, "生产制造及有关人员", "Production, manufacturing and related personnel"),
        new(7, "军人", "Military personnel"),
        new(8, "不便分类的其他从业人员", "Other workers not elsewhere classified"),
    ];

    public static readonly IReadOnlyList<Skill> Skills =
    [
        S("licence_c1", "C1驾驶证", "Driving licence C1", ["小车驾照", "C1驾照"], ["car driving licence"]),
        S("licence_a2_b2", "A2/B2驾驶证", "Driving licence A2/B2", ["大车驾照", "货车驾照", "B2驾照"], ["truck licence", "HGV licence"]),
        S("licence_bus", "A1/A3驾驶证", "Bus driving licence A1/A3", ["客车驾照"], ["PCV licence"]),
        S("forklift_certificate", "叉车证", "Forklift operator certificate", ["叉车操作证"], ["forklift licence"]),
        S("electrician_certificate", "电工证", "Electrician's certificate", ["特种作业操作证（电工）", "低压电工证"], ["electrical licence"]),
        S("welding_certificate", "焊工证", "Welder's certificate", ["焊接证"], ["welding licence"]),
        S("nurse_licence", "护士执业证书", "Registered nurse licence", ["护士证", "护士资格证"], ["RN licence", "nursing licence"]),
        S("physician_licence", "医师执业证书", "Physician's licence", ["医师资格证"], ["medical licence"]),
        S("pharmacist_licence", "执业药师", "Licensed pharmacist", ["药师证"], ["pharmacy licence"]),
        S("health_certificate", "健康证", "Health certificate", ["食品从业健康证"], ["food handler health certificate"]),
        S("first_aid", "急救技能", "First aid", ["心肺复苏", "急救证"], ["CPR"]),
        S("disinfection", "消毒作业", "Disinfection", ["消杀", "环境消毒"], ["sanitising"]),
        S("temperature_screening", "体温检测", "Temperature screening", ["测温", "防疫检测"], ["fever screening"]),
        S("pcr_testing", "核酸检测", "PCR testing", ["PCR检测", "核酸采样"], ["nucleic acid testing", "swab sampling"]),
        S("elderly_care", "养老护理", "Elderly care", ["老年护理"], ["aged care"]),
        S("cleaning", "保洁", "Cleaning", ["清洁"], ["housekeeping"]),
        S("security_certificate", "保安员证", "Security guard certificate", ["保安证"], ["security licence"]),
        S("cooking_chinese", "中式烹调", "Chinese cooking", ["中餐烹饪", "炒菜"], ["Chinese cuisine"]),
        S("food_safety", "食品安全", "Food safety", ["食品卫生"], ["food hygiene"]),
        S("cashier_pos", "收银", "Cashier and POS", ["收银机操作"], ["till", "point of sale"]),
        S("sales", "销售", "Sales", ["推销", "导购"], ["selling"]),
        S("customer_service", "客户服务", "Customer service", ["客服", "接待"], ["client service", "call handling"]),
        S("picking_packing", "拣货打包", "Picking and packing", ["分拣", "打包"], ["order picking", "packing"]),
        S("warehouse_system", "仓储管理系统", "Warehouse management system", ["WMS", "库存管理"], ["WMS", "inventory management"]),
        S("e_bike", "电动车驾驶", "E-bike riding", ["骑电动车"], ["electric scooter"]),
        S("navigation_apps", "导航软件", "Navigation apps", ["地图导航"], ["map apps"]),
        S("machine_operation", "设备操作", "Machine operation", ["机台操作", "开机"], ["machine operator"]),
        S("mask_machine", "口罩机操作", "Mask machine operation", ["口罩生产线"], ["mask production line"]),
        S("quality_inspection", "质量检验", "Quality inspection", ["质检", "品检"], ["QC", "quality control"]),
        S("gmp", "GMP规范", "GMP", ["药品生产质量管理规范"], ["good manufacturing practice"]),
        S("sewing", "缝纫", "Sewing", ["车工", "缝纫机"], ["sewing machine"]),
        S("construction_site", "施工作业", "Construction site work", ["工地施工"], ["site work"]),
        S("rebar", "钢筋作业", "Rebar fixing", ["钢筋工"], ["steel fixing"]),
        S("excel", "Excel", "Excel", ["电子表格", "办公软件"], ["spreadsheets", "office software"]),
        S("accounting_certificate", "会计证书", "Accounting qualification", ["初级会计", "会计师"], ["CPA", "accountant qualification"]),
        S("python", "Python", "Python", ["Python编程"], ["Python programming"]),
        S("java", "Java", "Java", ["Java开发"], ["Java development"]),
        S("sql", "SQL", "SQL", ["数据库"], ["databases"]),
        S("data_analysis", "数据分析", "Data analysis", ["统计分析"], ["analytics", "statistics"]),
        S("cad", "CAD制图", "CAD drafting", ["AutoCAD", "制图"], ["AutoCAD", "drafting"]),
        S("english", "英语", "English", ["英文", "CET-4", "CET-6"], ["English language"]),
        S("teaching_certificate", "教师资格证", "Teaching certificate", ["教资"], ["teacher qualification"]),
        S("lab_testing", "实验室检验", "Laboratory testing", ["化验", "检验"], ["lab work"]),
        S("farming", "农作物种植", "Crop farming", ["种植", "大棚种植"], ["greenhouse growing"]),
    ];

    public static readonly IReadOnlyList<Occupation> Occupations =
    [
        O("enterprise_manager", 1, "企业经理", "Enterprise manager", ["经理", "主管", "负责人"], ["manager", "supervisor"], ["excel"], 12000, 30000),
        O("nurse", 2, "护士", "Nurse", ["护理", "护理人员", "护师"], ["nursing"], ["nurse_licence", "first_aid"], 6000, 12000),
        O("physician", 2, "医师", "Physician", ["医生", "大夫"], ["doctor", "medical doctor"], ["physician_licence"], 10000, 25000),
        O("pharmacist", 2, "药师", "Pharmacist", ["药剂师"], ["chemist"], ["pharmacist_licence", "gmp"], 7000, 14000),
        O("lab_technician", 2, "医学检验技师", "Medical laboratory technician", ["检验师", "核酸检测员"], ["lab technician"], ["lab_testing", "pcr_testing"], 6000, 12000),
        O("software_engineer", 2, "软件工程师", "Software engineer", ["程序员", "开发工程师", "码农"], ["developer", "programmer"], ["java", "python", "sql"], 12000, 35000),
        O("data_analyst", 2, "数据分析师", "Data analyst", ["数据专员"], ["analyst"], ["data_analysis", "sql", "excel"], 9000, 20000),
        O("electrical_engineer", 2, "电气工程师", "Electrical engineer", ["电气设计"], ["power engineer"], ["cad", "electrician_certificate"], 9000, 20000),
        O("civil_engineer", 2, "土木工程师", "Civil engineer", ["结构工程师", "施工员"], ["site engineer"], ["cad", "construction_site"], 9000, 20000),
        O("accountant", 2, "会计", "Accountant", ["会计师", "出纳", "财务"], ["bookkeeper", "finance officer"], ["accounting_certificate", "excel"], 6000, 15000),
        O("teacher", 2, "教师", "Teacher", ["老师", "讲师"], ["tutor", "instructor"], ["teaching_certificate"], 6000, 14000),
        O("office_clerk", 3, "行政办事员", "Office clerk", ["文员", "行政助理", "办公室职员"], ["administrative assistant", "clerk"], ["excel"], 4500, 8000),
        O("customer_service_agent", 3, "客服专员", "Customer service agent", ["客服", "话务员", "接线员"], ["call centre agent", "customer support"], ["customer_service"], 4500, 8000),
        O("security_guard", 3, "保安员", "Security guard", ["保安", "门卫", "安保"], ["guard", "security officer"], ["security_certificate", "temperature_screening"], 4000, 6500),
        O("courier", 4, "快递员", "Courier", ["快递小哥", "派件员", "收派员"], ["parcel courier", "delivery driver"], ["e_bike", "navigation_apps"], 6000, 12000),
        O("food_delivery_rider", 4, "外卖配送员", "Food delivery rider", ["外卖骑手", "骑手", "送餐员"], ["delivery rider"], ["e_bike", "navigation_apps", "health_certificate"], 6000, 12000),
        O("warehouse_keeper", 4, "仓库管理员", "Warehouse keeper", ["仓管", "库管", "仓储员"], ["storekeeper", "warehouse clerk"], ["warehouse_system", "picking_packing"], 5000, 8000),
        O("order_picker", 4, "分拣员", "Order picker", ["拣货员", "理货员", "打包员"], ["picker", "packer"], ["picking_packing"], 4500, 7500),
        O("truck_driver", 4, "货车司机", "Truck driver", ["货运司机", "大车司机"], ["lorry driver", "HGV driver"], ["licence_a2_b2"], 7000, 13000),
        O("bus_driver", 4, "公交驾驶员", "Bus driver", ["公交司机", "客车司机"], ["coach driver"], ["licence_bus"], 7000, 11000),
        O("shop_assistant", 4, "营业员", "Shop assistant", ["售货员", "导购", "店员"], ["sales assistant", "retail assistant"], ["sales", "cashier_pos"], 4500, 7500),
        O("cashier", 4, "收银员", "Cashier", ["收银"], ["checkout operator"], ["cashier_pos"], 4500, 6500),
        O("cook", 4, "厨师", "Cook", ["中餐厨师", "炒锅", "帮厨"], ["chef", "kitchen hand"], ["cooking_chinese", "health_certificate", "food_safety"], 5500, 10000),
        O("waiter", 4, "餐厅服务员", "Waiter", ["服务员", "传菜员"], ["waitress", "server"], ["health_certificate", "customer_service"], 4200, 6500),
        O("cleaner", 4, "保洁员", "Cleaner", ["保洁", "清洁工", "环卫工"], ["janitor", "sanitation worker"], ["cleaning", "disinfection"], 4000, 5500),
        O("elderly_caregiver", 4, "养老护理员", "Elderly caregiver", ["护工", "护理员"], ["care worker", "carer"], ["elderly_care", "first_aid"], 5000, 8000),
        O("property_manager", 4, "物业管理员", "Property manager", ["物业管家", "物业客服"], ["building manager"], ["customer_service"], 5000, 8000),
        O("epidemic_screener", 4, "防疫检测员", "Epidemic screening officer", ["测温员", "防疫员", "社区防疫"], ["health screener"], ["temperature_screening", "disinfection"], 4500, 7000),
        O("hotel_receptionist", 4, "前台接待", "Hotel receptionist", ["前台", "接待员"], ["front desk", "receptionist"], ["customer_service", "english"], 4500, 7000),
        O("vegetable_grower", 5, "蔬菜种植工", "Vegetable grower", ["菜农", "大棚工"], ["farm worker", "greenhouse worker"], ["farming"], 4000, 6500),
        O("assembly_worker", 6, "装配工", "Assembly worker", ["组装工", "流水线工人"], ["assembler", "line worker"], ["machine_operation"], 4800, 7500),
        O("mask_machine_operator", 6, "口罩机操作工", "Mask machine operator", ["口罩生产工"], ["mask production operator"], ["mask_machine", "gmp"], 5000, 9000),
        O("pharmaceutical_worker", 6, "制药工", "Pharmaceutical production worker", ["药品生产工"], ["pharma operator"], ["gmp", "machine_operation"], 5000, 8500),
        O("food_processing_worker", 6, "食品加工工", "Food processing worker", ["食品厂工人"], ["food factory worker"], ["health_certificate", "food_safety"], 4500, 7000),
        O("electrician", 6, "电工", "Electrician", ["维修电工", "水电工"], ["electrical fitter"], ["electrician_certificate"], 6000, 10000),
        O("welder", 6, "焊工", "Welder", ["电焊工", "气焊工"], ["welding operator"], ["welding_certificate"], 6500, 11000),
        O("quality_inspector", 6, "质检员", "Quality inspector", ["品检员", "检验员"], ["QC inspector"], ["quality_inspection"], 5000, 8000),
        O("garment_worker", 6, "缝纫工", "Sewing machinist", ["车工", "制衣工"], ["garment worker"], ["sewing"], 4800, 7500),
        O("construction_worker", 6, "建筑工人", "Construction worker", ["建筑工", "钢筋工", "瓦工", "木工"], ["builder", "site labourer"], ["construction_site", "rebar"], 6000, 11000),
        O("forklift_driver", 6, "叉车司机", "Forklift driver", ["叉车工"], ["forklift operator"], ["forklift_certificate"], 5500, 8500),
        O("general_worker", 8, "普工", "General worker", ["杂工", "临时工", "小时工"], ["labourer", "general labourer"], [], 4000, 6000),
    ];

    private static readonly Dictionary<string, Occupation> OccupationsByCode = Occupations.ToDictionary(o => o.Code, StringComparer.Ordinal);
    private static readonly Dictionary<string, Skill> SkillsByCode = Skills.ToDictionary(s => s.Code, StringComparer.Ordinal);

    public static Occupation? FindOccupation(string? code) => code is not null && OccupationsByCode.TryGetValue(code, out var o) ? o : null;

    public static Skill? FindSkill(string? code) => code is not null && SkillsByCode.TryGetValue(code, out var s) ? s : null;

    public static bool IsOccupation(string? code) => code is not null && OccupationsByCode.ContainsKey(code);

    public static bool IsSkill(string? code) => code is not null && SkillsByCode.ContainsKey(code);

    public static OccupationMajorGroup MajorGroupOf(Occupation occupation) => MajorGroups.First(g => g.Code == occupation.MajorGroup);

    private static Occupation O(
        string code, int group, string zh, string en, string[] synonymsZh, string[] synonymsEn, string[] skills, decimal payMin, decimal payMax) =>
        new(code, group, zh, en, synonymsZh, synonymsEn, skills, payMin, payMax);

    private static Skill S(string code, string zh, string en, string[] synonymsZh, string[] synonymsEn) => new(code, zh, en, synonymsZh, synonymsEn);
}
