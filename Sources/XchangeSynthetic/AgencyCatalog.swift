/// Realistic reporting organs: real administrative divisions (GB/T 2260), department names as
/// local governments use them, and identifiers with valid check characters.
enum AgencyCatalog {
    struct Division {
        let code: String
        let name: String
        /// The province-level part of the name, for addresses.
        let city: String
        let level: String
    }

    static let divisions: [Division] = [
        Division(code: "110105", name: "北京市朝阳区", city: "北京市", level: "county"),
        Division(code: "110108", name: "北京市海淀区", city: "北京市", level: "county"),
        Division(code: "310115", name: "上海市浦东新区", city: "上海市", level: "county"),
        Division(code: "310104", name: "上海市徐汇区", city: "上海市", level: "county"),
        Division(code: "440305", name: "深圳市南山区", city: "深圳市", level: "county"),
        Division(code: "440106", name: "广州市天河区", city: "广州市", level: "county"),
        Division(code: "330106", name: "杭州市西湖区", city: "杭州市", level: "county"),
        Division(code: "320102", name: "南京市玄武区", city: "南京市", level: "county"),
        Division(code: "420106", name: "武汉市武昌区", city: "武汉市", level: "county"),
        Division(code: "420105", name: "武汉市汉阳区", city: "武汉市", level: "county"),
        Division(code: "510104", name: "成都市锦江区", city: "成都市", level: "county"),
        Division(code: "610113", name: "西安市雁塔区", city: "西安市", level: "county"),
        Division(code: "371002", name: "威海市环翠区", city: "威海市", level: "county"),
        Division(code: "371082", name: "荣成市", city: "威海市", level: "county"),
        Division(code: "231081", name: "绥芬河市", city: "牡丹江市", level: "county"),
        Division(code: "430602", name: "岳阳市岳阳楼区", city: "岳阳市", level: "county"),
        Division(code: "431202", name: "怀化市鹤城区", city: "怀化市", level: "county"),
        Division(code: "350102", name: "福州市鼓楼区", city: "福州市", level: "county"),
        Division(code: "220104", name: "长春市朝阳区", city: "长春市", level: "county"),
        Division(code: "511702", name: "达州市通川区", city: "达州市", level: "county"),
        Division(code: "371000", name: "威海市", city: "威海市", level: "prefectural"),
        Division(code: "430600", name: "岳阳市", city: "岳阳市", level: "prefectural"),
        Division(code: "331100", name: "丽水市", city: "丽水市", level: "prefectural"),
        Division(code: "321200", name: "泰州市", city: "泰州市", level: "prefectural"),
        Division(code: "231000", name: "牡丹江市", city: "牡丹江市", level: "prefectural"),
    ]

    static let departments = [
        "发展和改革局", "教育局", "科学技术局", "民政局", "司法局", "财政局", "人力资源和社会保障局",
        "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水务局", "农业农村局", "商务局",
        "文化和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局",
        "统计局", "医疗保障局", "城市管理局", "信访局", "数据资源管理局",
    ]

    static let streets = ["城关", "东湖", "新华", "解放", "人民路", "长江", "滨海", "和平", "建设", "朝阳"]
    static let roads = ["人民路", "解放大道", "中山路", "建设路", "文化路", "新华街", "长江路", "政府路", "世纪大道"]

    struct Agency {
        let name: String
        let level: String
        let division: Division
        let uscc: String
        let orgCode: String
        let domain: String
    }

    /// A distinct organ for every index: the organisation code is a bijection of the index, so
    /// no two generated reports share an agency (and cross-year rules never pair them by chance).
    static func agency(index: Int, seed: UInt64, random: inout SyntheticRandom) -> Agency {
        let division = random.pick(divisions)
        let roll = random.int(0...9)
        let name: String
        let level: String
        switch roll {
        case 0:
            name = division.name + "人民政府办公室"
            level = division.level
        case 1:
            name = division.name + random.pick(streets) + "街道办事处"
            level = "township"
        default:
            name = division.name + random.pick(departments)
            level = "department"
        }
        let offset = Int(seed % 100_000_000)
        let body = (index &* 7919 &+ offset) % 100_000_000
        let bodyText = String(body).leftPadded(8)
        let orgCode = bodyText + String(organisationCheck(bodyText))
        let uscc17 = "11" + division.code + orgCode
        let uscc = uscc17 + String(usccCheck(uscc17))
        return Agency(
            name: name, level: level, division: division, uscc: uscc, orgCode: orgCode,
            domain: "www.\(division.code).gov.cn")
    }

    /// GB 11714 check character of an 8-character organisation code body.
    static func organisationCheck(_ body: String) -> Character {
        let weights = [3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for (position, character) in body.enumerated() {
            let value = character.wholeNumberValue ?? (Int(character.asciiValue ?? 55) - 55)
            sum += value * weights[position]
        }
        let check = 11 - sum % 11
        return check == 10 ? "X" : check == 11 ? "0" : Character(String(check))
    }

    /// GB 32100 check character of the first 17 characters of a USCC.
    static func usccCheck(_ first17: String) -> Character {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        var sum = 0
        for (position, character) in first17.enumerated() {
            sum += (alphabet.firstIndex(of: character) ?? 0) * weights[position]
        }
        return alphabet[(31 - sum % 31) % 31]
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
