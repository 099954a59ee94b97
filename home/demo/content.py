"""The demo site's texts, each as a (Vietnamese, English) pair.

Facts come from programme_facts.md beside this file (with its sources); anything not found
there is phrased as an example and the whole site carries the sample-content notice.
"""

import datetime

SOURCE_QD496 = (
    "https://m.hanoitimes.vn/hanoi-approves-project-on-developing-key-industrial-products-5781.html"
)
SOURCE_1520 = "http://thanglong.chinhphu.vn/cac-san-pham-co-doanh-thu-tu-10-ty-dong-duoc-xet-chon-san-pham-chu-luc"
SOURCE_2021 = "https://tapchicongthuong.vn/bai-viet/nam-2021-ha-noi-cong-nhan-46-san-pham-cong-nghiep-chu-luc-85638.htm"
SOURCE_2022 = "http://www.hanoimoi.com.vn/tin-tuc/Kinh-te/1050190/them-33-san-pham-dat-danh-hieu-san-pham-cong-nghiep-chu-luc-nam-2022"
SOURCE_2022_FAIR = "https://amp.baodautu.vn/khai-mac-hoi-cho-quoc-te-san-pham-cong-nghiep-chu-luc-ha-noi-2022-d176472.html"
SOURCE_2022_COUNCIL = "https://thuvienphapluat.vn/van-ban/Thuong-mai/Quyet-dinh-2023-QD-UBND-2023-Quy-che-Hoi-dong-danh-gia-san-pham-cong-nghiep-chu-luc-Ha-Noi-589487.aspx?tab=2"
SOURCE_2023 = "https://vietq.vn/ha-noi-trao-danh-hieu-san-pham-cong-nghiep-chu-luc-nam-2023-cho-33-san-pham-d217104.html"
SOURCE_2024 = (
    "https://vietnamnews.vn/economy/1688975/ha-noi-honours-36-key-industrial-products.html"
)
SOURCE_2025 = "https://vneconomy.vn/35-san-pham-cong-nghiep-chu-luc-cua-ha-noi-dat-doanh-thu-gan-42000-ty-dong.htm"
SOURCE_2019 = "https://kinhtedothi.vn/ha-noi-cong-bo-chuong-trinh-xet-chon-san-pham-cong-nghiep-chu-luc-2019.html"
SOURCE_2018 = "https://tacnghiep.laodongthudo.vn/ha-noi-to-chuc-xet-chon-san-pham-cong-nghiep-chu-luc-nam-2019-93637.html"
SOURCE_2019_RESULT = (
    "https://laodong.vn/kinh-te/30-san-pham-cong-nghiep-chu-luc-duoc-ton-vinh-772513.ldo"
)
SOURCE_2020 = "http://khuyencongonline.gov.vn/tin-tuc/thanh-pho-ha-noi-ton-vinh-26-san-pham-cong-nghiep-chu-luc-9d23869b_659/"
SOURCE_BENEFITS = "https://vietnamnet.vn//en/business/hanoi-s-programme-on-key-industrial-production-eyes-fdi-firms-550280.html"

SITE_SETTINGS = {
    "department_name": "Sở Công Thương Hà Nội",
    "department_name_en": "Hanoi Department of Industry and Trade",
    "address": "Địa chỉ liên hệ: cập nhật trong Cài đặt › Thông tin chung (dữ liệu mẫu)",
    "address_en": "Contact address: set it in Settings › Site information (sample data)",
    "email": "spcncl@example.com",
    "is_sample_content": True,
}

HOME = {
    "title": ("Trang chủ", "Home"),
    "slug": ("trang-chu", "home"),
    "hero_heading": (
        "Sản phẩm công nghiệp chủ lực thành phố Hà Nội",
        "Hà Nội's key industrial products",
    ),
    "intro": [
        (
            "Mỗi năm, thành phố Hà Nội xét chọn và công nhận những sản phẩm công nghiệp có giá trị "
            "gia tăng cao, sức cạnh tranh và tiềm năng xuất khẩu. Tra cứu sản phẩm, doanh nghiệp "
            "sản xuất, tiêu chí và hướng dẫn tham gia chương trình.",
            "Every year the city of Hà Nội selects and recognises industrial products with high "
            "added value, competitiveness and export potential. Find the products, the companies "
            "that make them, and how to take part in the programme.",
        )
    ],
}

PROGRAMME_INDEX = {
    "title": ("Chương trình", "Programme"),
    "slug": ("chuong-trinh", "programme"),
    "intro": [
        (
            "Đề án phát triển sản phẩm công nghiệp chủ lực thành phố Hà Nội đến năm 2020, định "
            "hướng tới năm 2025 được phê duyệt tại Quyết định 496/QĐ-UBND ngày 26/01/2018.",
            "The programme for developing Hà Nội's key industrial products to 2020, with an "
            "orientation to 2025, was approved by Decision 496/QĐ-UBND of 26 January 2018.",
        )
    ],
}

CRITERIA = {
    "title": ("Tiêu chí xét chọn", "Selection criteria"),
    "slug": ("tieu-chi", "criteria"),
    "search_description": (
        "Điều kiện tham gia và các chỉ tiêu Hội đồng chấm điểm.",
        "Eligibility thresholds and the indicators the council scores.",
    ),
    "intro": [
        (
            "Điều kiện dưới đây theo Hướng dẫn 1520/HD-SCT năm 2019 của Sở Công Thương. Trọng số "
            "và thang điểm chi tiết chưa được công bố công khai nên không nêu ở đây.",
            "The conditions below follow the Department's Guidance 1520/HD-SCT of 2019. The "
            "detailed weights and point scale have not been published, so they are not shown.",
        )
    ],
    "thresholds": [
        {
            "category": ("Mọi doanh nghiệp", "Every company"),
            "requirement": (
                "Có trụ sở chính hoặc cơ sở sản xuất trên địa bàn thành phố Hà Nội.",
                "Has its head office or a production facility in Hà Nội.",
            ),
            "threshold": ("", ""),
            "legal_basis": ("Hướng dẫn 1520/HD-SCT", "Guidance 1520/HD-SCT"),
        },
        {
            "category": ("Sản phẩm công nghệ cao", "High-tech products"),
            "requirement": (
                "Thuộc danh mục sản phẩm công nghệ cao theo Quyết định 66/2014/QĐ-TTg và 13/2017/QĐ-TTg.",
                "On the high-tech product lists of Decisions 66/2014/QĐ-TTg and 13/2017/QĐ-TTg.",
            ),
            "threshold": (
                "Doanh thu từ 10 tỷ đồng/năm",
                "Revenue of at least VND 10 billion a year",
            ),
            "legal_basis": ("Hướng dẫn 1520/HD-SCT", "Guidance 1520/HD-SCT"),
        },
        {
            "category": ("Sản phẩm khác", "Other products"),
            "requirement": (
                "Không áp dụng với sản phẩm thủ công mỹ nghệ và sản phẩm khởi nghiệp.",
                "Does not apply to handicrafts or start-up products.",
            ),
            "threshold": (
                "Doanh thu hoặc giá trị sản xuất từ 100 tỷ đồng/năm",
                "Revenue or output of at least VND 100 billion a year",
            ),
            "legal_basis": ("Hướng dẫn 1520/HD-SCT", "Guidance 1520/HD-SCT"),
        },
        {
            "category": ("Sản phẩm thủ công mỹ nghệ", "Handicraft products"),
            "requirement": ("Có hoạt động xuất khẩu.", "Is exported."),
            "threshold": (
                "Xuất khẩu từ 1 triệu USD/năm",
                "Exports of at least USD 1 million a year",
            ),
            "legal_basis": ("Hướng dẫn 1520/HD-SCT", "Guidance 1520/HD-SCT"),
        },
        {
            "category": ("Sản phẩm khởi nghiệp", "Start-up products"),
            "requirement": (
                "Đánh giá theo ý tưởng sáng tạo, xu hướng phát triển, khả năng hội nhập và giá trị xã hội.",
                "Judged on creative idea, development trend, integration capability and social value.",
            ),
            "threshold": ("", ""),
            "legal_basis": ("Hướng dẫn 1520/HD-SCT", "Guidance 1520/HD-SCT"),
        },
    ],
    "indicators": [
        (
            ("Tăng trưởng sản xuất", "Production growth"),
            (
                "Mức tăng trưởng sản xuất của sản phẩm qua các năm.",
                "How fast production of the product grows.",
            ),
        ),
        (
            ("Quy mô sản xuất", "Production scale"),
            ("Quy mô sản xuất và doanh thu của sản phẩm.", "The scale of production and revenue."),
        ),
        (
            ("Năng suất lao động", "Labour productivity"),
            ("Giá trị tạo ra trên mỗi lao động.", "Value created per worker."),
        ),
        (
            ("Khả năng xuất khẩu", "Export capability"),
            ("Kim ngạch và thị trường xuất khẩu.", "Export value and markets."),
        ),
        (
            ("Duy trì chất lượng sản phẩm", "Maintained product quality"),
            (
                "Hệ thống quản lý chất lượng và việc duy trì chất lượng.",
                "Quality management and consistency.",
            ),
        ),
    ],
}

GUIDANCE = {
    "title": ("Hướng dẫn đăng ký", "How to apply"),
    "slug": ("huong-dan", "how-to-apply"),
    "search_description": (
        "Các bước đăng ký, thành phần hồ sơ, mốc thời gian và câu hỏi thường gặp.",
        "Steps, dossier, timeline and frequently asked questions.",
    ),
    "intro": [
        (
            "Chu kỳ xét chọn diễn ra hằng năm. Các bước dưới đây tóm tắt trình tự đã áp dụng những "
            "năm gần đây; thời hạn cụ thể theo kế hoạch của từng năm.",
            "Selection runs every year. The steps below summarise the sequence of recent years; "
            "exact dates follow each year's plan.",
        )
    ],
    "steps": [
        (
            ("Theo dõi kế hoạch năm", "Follow the yearly plan"),
            (
                "UBND thành phố ban hành kế hoạch xét chọn (năm 2024: ngày 15/12/2023).",
                "The city issues the selection plan (for 2024: on 15 December 2023).",
            ),
        ),
        (
            ("Đăng ký tham gia", "Register"),
            (
                "Doanh nghiệp đăng ký với Sở Công Thương theo hướng dẫn của năm.",
                "Companies register with the Department of Industry and Trade as that year's guidance says.",
            ),
        ),
        (
            ("Chuẩn bị và nộp hồ sơ", "Prepare and submit the dossier"),
            (
                "Hoàn thiện hồ sơ theo danh mục và nộp đúng hạn.",
                "Complete the dossier and submit it on time.",
            ),
        ),
        (
            ("Hội đồng đánh giá", "Council evaluation"),
            (
                "Hội đồng đánh giá, xét chọn chấm điểm theo các chỉ tiêu.",
                "The evaluation council scores each product against the indicators.",
            ),
        ),
        (
            ("Công nhận và tôn vinh", "Recognition and ceremony"),
            (
                "UBND thành phố ra quyết định công nhận; lễ tôn vinh thường diễn ra từ giữa tháng 11 đến giữa tháng 12.",
                "The city issues the recognition decision; the ceremony is usually held from mid-November to mid-December.",
            ),
        ),
    ],
    "documents": [
        (
            ("Phiếu đăng ký xét chọn", "Registration form"),
            ("Biểu mẫu minh hoạ (dữ liệu mẫu).", "An example form (sample data)."),
            True,
        ),
        (
            (
                "Báo cáo sản xuất, kinh doanh của sản phẩm",
                "Report on the product's production and sales",
            ),
            (
                "Doanh thu, giá trị sản xuất, xuất khẩu các năm gần nhất.",
                "Revenue, output and exports of recent years.",
            ),
            False,
        ),
        (
            ("Cam kết tuân thủ pháp luật", "Compliance statement"),
            (
                "Về bảo vệ môi trường, quản lý chất lượng, sở hữu trí tuệ.",
                "On environmental protection, quality management and intellectual property.",
            ),
            False,
        ),
    ],
    "deadlines": [
        (
            ("Ban hành kế hoạch năm", "Yearly plan issued"),
            ("Tháng 12 năm trước", "December of the year before"),
        ),
        (("Mở đăng ký", "Registration opens"), ("Từ tháng 4", "From April")),
        (("Thành lập Hội đồng", "Council set up"), ("Khoảng tháng 10", "Around October")),
        (("Lễ tôn vinh", "Ceremony"), ("Tháng 11 – tháng 12", "November – December")),
    ],
    "faq": [
        (
            ("Danh hiệu có hiệu lực bao lâu?", "How long does recognition last?"),
            (
                "Danh hiệu sản phẩm công nghiệp chủ lực có hiệu lực trong 3 năm.",
                "Recognition as a key industrial product is valid for 3 years.",
            ),
        ),
        (
            ("Doanh nghiệp được hỗ trợ gì?", "What support do recognised companies get?"),
            (
                "Giấy chứng nhận, cúp và biểu trưng; được quảng bá trên phương tiện của thành phố; ưu tiên tham gia các chương trình xúc tiến thương mại, khuyến công, khoa học công nghệ.",
                "A certificate, trophy and emblem; promotion in the city's media; priority in trade promotion, industrial extension and science and technology programmes.",
            ),
        ),
        (
            ("Doanh nghiệp FDI có được tham gia không?", "Can foreign-invested companies apply?"),
            (
                "Có. Chương trình năm 2019 đặc biệt hướng tới doanh nghiệp FDI.",
                "Yes. The 2019 programme particularly targeted foreign-invested companies.",
            ),
        ),
    ],
}

DECISION_INDEX = {
    "title": ("Văn bản", "Decisions"),
    "slug": ("van-ban", "decisions"),
    "intro": [
        (
            "Các văn bản chính của chương trình. Tệp gốc xem tại nguồn công bố.",
            "The programme's main documents. The original files are at the sources given.",
        )
    ],
}

STATISTICS = {
    "title": ("Số liệu chương trình", "Programme statistics"),
    "slug": ("so-lieu", "statistics"),
    "search_description": (
        "Sản phẩm, doanh nghiệp, nhóm ngành, doanh thu và xuất khẩu qua các đợt công nhận.",
        "Products, companies, sectors, revenue and exports across the recognition rounds.",
    ),
    "intro": [
        (
            "Số liệu chính thức của từng đợt công nhận, theo các nguồn đã dẫn, đặt cạnh những sản phẩm mà danh mục trên trang này đang có. Năm nào chưa tìm thấy số liệu công bố thì biểu đồ ghi rõ là chưa công bố.",
            "The official figures of each recognition round, from the sources cited, beside the products this site's catalogue holds. Where no published figure was found, the chart says so.",
        )
    ],
}

DECISIONS = [
    {
        "number": "496/QĐ-UBND",
        "kind": "programme",
        "signed_on": datetime.date(2018, 1, 26),
        "year": 2018,
        "title": "Phê duyệt Đề án phát triển sản phẩm công nghiệp chủ lực thành phố Hà Nội đến năm 2020, định hướng tới năm 2025",
        "title_en": "Approving the programme for developing Hà Nội's key industrial products to 2020, orientation to 2025",
        "source_url": SOURCE_QD496,
    },
    {
        "number": "1520/HD-SCT",
        "kind": "guidance",
        "signed_on": None,
        "year": 2019,
        "issuer": "Sở Công Thương Hà Nội",
        "title": "Hướng dẫn đánh giá, xét chọn sản phẩm công nghiệp chủ lực",
        "title_en": "Guidance on evaluating and selecting key industrial products",
        "source_url": SOURCE_1520,
    },
    {
        "number": "5012/QĐ-UBND",
        "kind": "recognition",
        "signed_on": datetime.date(2021, 11, 26),
        "year": 2021,
        "title": "Công nhận 46 sản phẩm công nghiệp chủ lực năm 2021 và Top 10",
        "title_en": "Recognising 46 key industrial products of 2021 and the Top 10",
        "source_url": SOURCE_2021,
    },
    {
        "number": "4074/QĐ-UBND",
        "kind": "council",
        "signed_on": datetime.date(2022, 10, 27),
        "year": 2022,
        "title": "Thành lập Hội đồng đánh giá, xét chọn sản phẩm công nghiệp chủ lực năm 2022",
        "title_en": "Setting up the 2022 council for evaluating and selecting key industrial products",
        "source_url": SOURCE_2022_COUNCIL,
    },
    {
        "number": "2023/QĐ-UBND",
        "kind": "council",
        "signed_on": datetime.date(2023, 4, 7),
        "year": 2023,
        "title": "Ban hành Quy chế hoạt động của Hội đồng đánh giá, xét chọn sản phẩm công nghiệp chủ lực",
        "title_en": "Issuing the operating rules of the evaluation and selection council",
        "source_url": SOURCE_2022_COUNCIL,
    },
]

# (year, recognised, companies, registered, revenue VND bn, exports USD m, note vi, note en, source)
COHORTS = [
    (
        2018,
        61,
        36,
        None,
        40000,
        None,
        "Xuất khẩu tăng 74 %, trên 10.000 tỷ đồng.",
        "Exports up 74 %, above VND 10 trillion.",
        SOURCE_2018,
    ),
    (2019, 30, 22, 48, None, None, "", "", SOURCE_2019_RESULT),
    (
        2020,
        26,
        19,
        None,
        None,
        None,
        "Top 10 gồm 10 sản phẩm của 6 doanh nghiệp.",
        "The Top 10 were 10 products of 6 companies.",
        SOURCE_2020,
    ),
    (
        2021,
        46,
        30,
        54,
        40000,
        1000,
        "Doanh thu của 30 doanh nghiệp, theo công bố.",
        "Revenue of the 30 companies, as published.",
        SOURCE_2021,
    ),
    (
        2022,
        33,
        25,
        42,
        76800,
        550,
        "Doanh thu năm 2021 của 33 sản phẩm.",
        "2021 revenue of the 33 products.",
        SOURCE_2022,
    ),
    (
        2023,
        33,
        24,
        37,
        62000,
        3600,
        "Doanh thu năm 2022 của 33 sản phẩm (trên 62.000 tỷ đồng).",
        "2022 revenue of the 33 products (above VND 62 trillion).",
        SOURCE_2023,
    ),
    (2024, 36, 25, None, 50000, 1000, "", "", SOURCE_2024),
    (
        2025,
        35,
        28,
        None,
        42000,
        190,
        "Doanh thu năm 2024 của 35 sản phẩm.",
        "2024 revenue of the 35 products.",
        SOURCE_2025,
    ),
]

NEWS_INDEX = {"title": ("Tin tức", "News"), "slug": ("tin-tuc", "news")}

NEWS = [
    {
        "date": datetime.date(2018, 1, 26),
        "slug": ("phe-duyet-de-an-spcncl-2018", "programme-approved-2018"),
        "title": (
            "Phê duyệt Đề án phát triển sản phẩm công nghiệp chủ lực đến năm 2025",
            "Programme for key industrial products to 2025 approved",
        ),
        "summary": (
            "UBND thành phố phê duyệt Đề án tại Quyết định 496/QĐ-UBND; mục tiêu trên 120 sản phẩm vào năm 2025.",
            "The city approved the programme by Decision 496/QĐ-UBND, aiming for more than 120 products by 2025.",
        ),
        "body": [
            (
                "Mục tiêu đến năm 2025: trên 120 sản phẩm được công nhận, chiếm 45–50 % doanh thu công nghiệp và trên 20 % kim ngạch xuất khẩu của thành phố.",
                "The 2025 targets: more than 120 recognised products, 45–50 % of industrial revenue and more than 20 % of the city's exports.",
            )
        ],
        "source": SOURCE_QD496,
        "tags": ["đề án", "chính sách"],
    },
    {
        "date": datetime.date(2019, 4, 10),
        "slug": ("huong-dan-xet-chon-2019", "selection-guidance-2019"),
        "title": (
            "Sản phẩm có doanh thu từ 10 tỷ đồng được xét chọn sản phẩm chủ lực",
            "Products with revenue from VND 10 billion can be selected",
        ),
        "summary": (
            "Hướng dẫn 1520/HD-SCT quy định ngưỡng doanh thu cho từng nhóm sản phẩm.",
            "Guidance 1520/HD-SCT sets the revenue thresholds for each kind of product.",
        ),
        "body": [
            (
                "Sản phẩm công nghệ cao cần doanh thu từ 10 tỷ đồng/năm; sản phẩm khác từ 100 tỷ đồng/năm; sản phẩm thủ công mỹ nghệ xuất khẩu từ 1 triệu USD/năm.",
                "High-tech products need revenue of VND 10 billion a year; other products VND 100 billion; handicrafts exports of USD 1 million.",
            )
        ],
        "source": SOURCE_1520,
        "tags": ["tiêu chí"],
    },
    {
        "date": datetime.date(2019, 7, 11),
        "slug": ("cong-bo-chuong-trinh-2019", "programme-launch-2019"),
        "title": (
            "Công bố chương trình xét chọn sản phẩm công nghiệp chủ lực năm 2019",
            "2019 selection round launched",
        ),
        "summary": (
            "Sở Công Thương họp báo công bố chương trình; dự kiến công nhận 60–70 sản phẩm.",
            "The Department launched the round at a press conference, expecting to recognise 60–70 products.",
        ),
        "body": [
            (
                "Nhóm ngành ưu tiên: cơ khí; điện – điện tử; hóa nhựa; dệt may – da giày; chế biến lương thực – thực phẩm.",
                "Priority groups: mechanical engineering; electrical and electronics; chemicals and plastics; textiles and footwear; food processing.",
            )
        ],
        "source": SOURCE_2019,
        "tags": ["xét chọn"],
    },
    {
        "date": datetime.date(2021, 11, 26),
        "slug": ("cong-nhan-46-san-pham-2021", "46-products-recognised-2021"),
        "title": (
            "Hà Nội công nhận 46 sản phẩm công nghiệp chủ lực năm 2021",
            "Hà Nội recognises 46 key industrial products in 2021",
        ),
        "summary": (
            "Quyết định 5012/QĐ-UBND công nhận 46 sản phẩm của 30 doanh nghiệp và Top 10.",
            "Decision 5012/QĐ-UBND recognised 46 products of 30 companies and a Top 10.",
        ),
        "body": [
            (
                "Top 10 gồm các sản phẩm có điểm bình quân cao nhất, như đèn LED Rạng Đông, cáp điện Cadisun, ống thép inox Sơn Hà, phần mềm MISA AMIS và đá thạch anh Vicostone.",
                "The Top 10 are the products with the highest average scores, such as Rạng Đông LED lamps, Cadisun cables, Sơn Hà stainless pipes, MISA AMIS software and Vicostone quartz.",
            )
        ],
        "source": SOURCE_2021,
        "tags": ["công nhận", "top 10"],
    },
    {
        "date": datetime.date(2022, 10, 27),
        "slug": ("hoi-cho-quoc-te-spcncl-2022", "international-fair-2022"),
        "title": (
            "Khai mạc Hội chợ quốc tế sản phẩm công nghiệp chủ lực Hà Nội 2022",
            "International fair of Hà Nội's key industrial products opens",
        ),
        "summary": (
            "Khoảng 250 gian hàng của Hà Nội và 11 tỉnh, thành tại Cung triển lãm Kiến trúc, Quy hoạch, Xây dựng Quốc gia.",
            "About 250 booths from Hà Nội and 11 provinces at the National Architecture, Planning and Construction Exhibition Palace.",
        ),
        "body": [
            (
                "Hội chợ diễn ra từ ngày 27 đến 29/10/2022, có khu trưng bày 5 năm thực hiện Quyết định 496.",
                "The fair ran from 27 to 29 October 2022 and included a zone on five years of Decision 496.",
            )
        ],
        "source": SOURCE_2022_FAIR,
        "tags": ["hội chợ"],
    },
    {
        "date": datetime.date(2022, 12, 13),
        "slug": ("ton-vinh-33-san-pham-2022", "33-products-honoured-2022"),
        "title": (
            "Tôn vinh 33 sản phẩm công nghiệp chủ lực năm 2022",
            "33 key industrial products honoured in 2022",
        ),
        "summary": (
            "Năm 2022 có 33 sản phẩm của 25 doanh nghiệp được công nhận, doanh thu khoảng 76.800 tỷ đồng.",
            "In 2022, 33 products of 25 companies were recognised, with revenue of about VND 76.8 trillion.",
        ),
        "body": [
            (
                "Dệt may – da giày có nhiều sản phẩm nhất (8), tiếp theo là cơ khí (6) và công nghệ thông tin (5).",
                "Textiles and footwear had the most products (8), followed by mechanical engineering (6) and IT (5).",
            )
        ],
        "source": SOURCE_2022,
        "tags": ["công nhận"],
    },
    {
        "date": datetime.date(2023, 12, 14),
        "slug": ("trao-danh-hieu-2023", "titles-awarded-2023"),
        "title": (
            "Trao danh hiệu sản phẩm công nghiệp chủ lực năm 2023 cho 33 sản phẩm",
            "33 products receive the 2023 key industrial product title",
        ),
        "summary": (
            "33 sản phẩm của 24 doanh nghiệp; doanh thu năm 2022 trên 62.000 tỷ đồng.",
            "33 products of 24 companies, with 2022 revenue above VND 62 trillion.",
        ),
        "body": [
            (
                "Lũy kế đến năm 2023, thành phố đã công nhận 229 sản phẩm.",
                "By 2023 the city had recognised 229 products in all.",
            )
        ],
        "source": SOURCE_2023,
        "tags": ["công nhận"],
    },
    {
        "date": datetime.date(2023, 12, 15),
        "slug": ("ke-hoach-xet-chon-2024", "selection-plan-2024"),
        "title": (
            "Ban hành kế hoạch xét chọn sản phẩm công nghiệp chủ lực năm 2024",
            "2024 selection plan issued",
        ),
        "summary": (
            "UBND thành phố ban hành kế hoạch; Sở Công Thương là cơ quan chủ trì.",
            "The city issued the plan; the Department of Industry and Trade leads it.",
        ),
        "body": [
            (
                "Năm 2024, 36 sản phẩm của 25 doanh nghiệp được công nhận, doanh thu khoảng 50.000 tỷ đồng.",
                "In 2024, 36 products of 25 companies were recognised, with revenue of about VND 50 trillion.",
            )
        ],
        "source": SOURCE_2024,
        "tags": ["kế hoạch"],
    },
    {
        "date": datetime.date(2025, 11, 15),
        "slug": ("35-san-pham-2025", "35-products-2025"),
        "title": (
            "35 sản phẩm công nghiệp chủ lực năm 2025 đạt doanh thu gần 42.000 tỷ đồng",
            "2025's 35 key industrial products earn nearly VND 42 trillion",
        ),
        "summary": (
            "Lễ tôn vinh ngày 15/11/2025 công nhận 35 sản phẩm của 28 doanh nghiệp.",
            "The ceremony of 15 November 2025 recognised 35 products of 28 companies.",
        ),
        "body": [
            (
                "11 doanh nghiệp có doanh thu trên 1.000 tỷ đồng; 6 doanh nghiệp thuộc Top 500 doanh nghiệp tư nhân lớn nhất năm 2024.",
                "11 companies earn more than VND 1 trillion; 6 are among the 500 largest private companies of 2024.",
            )
        ],
        "source": SOURCE_2025,
        "tags": ["công nhận"],
    },
]

EVENT_INDEX = {"title": ("Sự kiện", "Events"), "slug": ("su-kien", "events")}

EVENTS = [
    {
        "slug": ("hoi-cho-quoc-te-2022", "international-fair-2022"),
        "kind": "trade_fair",
        "title": (
            "Hội chợ quốc tế sản phẩm công nghiệp chủ lực Hà Nội 2022",
            "Hà Nội Key Industrial Products International Fair 2022",
        ),
        "starts_at": datetime.datetime(2022, 10, 27, 8, 0),
        "ends_at": datetime.datetime(2022, 10, 29, 17, 0),
        "venue": (
            "Cung triển lãm Kiến trúc, Quy hoạch, Xây dựng Quốc gia",
            "National Architecture, Planning and Construction Exhibition Palace",
        ),
        "address": ("Nam Từ Liêm, Hà Nội", "Nam Từ Liêm, Hà Nội"),
        "organiser": ("Sở Công Thương Hà Nội", "Hanoi Department of Industry and Trade"),
        "summary": (
            "Khoảng 250 gian hàng của Hà Nội và 11 tỉnh, thành.",
            "About 250 booths from Hà Nội and 11 provinces.",
        ),
    },
    {
        "slug": ("le-ton-vinh-2025", "ceremony-2025"),
        "kind": "ceremony",
        "title": (
            "Lễ tôn vinh sản phẩm công nghiệp chủ lực năm 2025",
            "2025 key industrial products ceremony",
        ),
        "starts_at": datetime.datetime(2025, 11, 15, 19, 0),
        "ends_at": None,
        "venue": ("Hà Nội", "Hà Nội"),
        "address": ("", ""),
        "organiser": ("UBND thành phố Hà Nội", "Hà Nội People's Committee"),
        "summary": (
            "Trao danh hiệu cho 35 sản phẩm của 28 doanh nghiệp.",
            "Titles awarded to 35 products of 28 companies.",
        ),
    },
    {
        "slug": ("ket-noi-giao-thuong-2027-mau", "business-matching-2027-sample"),
        "kind": "business_matching",
        "title": (
            "Hội nghị kết nối giao thương sản phẩm chủ lực với doanh nghiệp FDI (sự kiện mẫu)",
            "Business matching: key products and foreign-invested buyers (sample event)",
        ),
        "starts_at": datetime.datetime(2027, 3, 18, 8, 30),
        "ends_at": datetime.datetime(2027, 3, 18, 16, 30),
        "venue": ("Trung tâm Hội nghị mẫu", "Sample Conference Centre"),
        "address": ("Hà Nội", "Hà Nội"),
        "organiser": ("Sở Công Thương Hà Nội", "Hanoi Department of Industry and Trade"),
        "summary": (
            "Sự kiện mẫu để trình diễn: gặp gỡ giữa doanh nghiệp có sản phẩm chủ lực và nhà mua hàng.",
            "A sample event for the demo: meetings between makers of key products and buyers.",
        ),
        "registration": (
            "Đăng ký qua thư điện tử của ban tổ chức (dữ liệu mẫu).",
            "Register by email to the organisers (sample data).",
        ),
        "registration_deadline": datetime.date(2027, 3, 10),
    },
    {
        "slug": ("tap-huan-ho-so-2027-mau", "dossier-training-2027-sample"),
        "kind": "training",
        "title": (
            "Tập huấn hướng dẫn lập hồ sơ xét chọn năm 2027 (sự kiện mẫu)",
            "Training: preparing the 2027 dossier (sample event)",
        ),
        "starts_at": datetime.datetime(2027, 5, 6, 8, 30),
        "ends_at": datetime.datetime(2027, 5, 6, 11, 30),
        "venue": ("Hội trường mẫu", "Sample Hall"),
        "address": ("Hà Nội", "Hà Nội"),
        "organiser": ("Sở Công Thương Hà Nội", "Hanoi Department of Industry and Trade"),
        "summary": (
            "Sự kiện mẫu: hướng dẫn doanh nghiệp chuẩn bị hồ sơ đăng ký.",
            "A sample event: helping companies prepare their registration dossier.",
        ),
        "registration": (
            "Miễn phí; đăng ký trước (dữ liệu mẫu).",
            "Free; register in advance (sample data).",
        ),
        "registration_deadline": datetime.date(2027, 4, 30),
    },
]

PRODUCT_INDEX = {
    "title": ("Sản phẩm", "Products"),
    "slug": ("san-pham", "products"),
    "intro": [
        (
            "Danh mục sản phẩm được công nhận là sản phẩm công nghiệp chủ lực thành phố Hà Nội.",
            "The catalogue of products recognised as Hà Nội's key industrial products.",
        )
    ],
}
COMPANY_INDEX = {
    "title": ("Doanh nghiệp", "Companies"),
    "slug": ("doanh-nghiep", "companies"),
    "intro": [("Doanh nghiệp có sản phẩm được công nhận.", "Companies with recognised products.")],
}

# Per product of the CSV: English name and slug, an HS heading (editorial sample), summary.
PRODUCTS = {
    "Đèn LED Rạng Đông": ("Rạng Đông LED lighting", "rang-dong-led-lighting", "8539.52"),
    "Dây và cáp điện Cadisun": (
        "Cadisun electric wires and cables",
        "cadisun-wires-and-cables",
        "8544.49",
    ),
    "Ống thép inox Sơn Hà": (
        "Sơn Hà stainless steel pipes",
        "son-ha-stainless-steel-pipes",
        "7306.40",
    ),
    "Khóa thông minh Innoviti-s": ("Innoviti-s smart locks", "innoviti-s-smart-locks", "8301.40"),
    "Phần mềm quản trị doanh nghiệp hợp nhất MISA AMIS": (
        "MISA AMIS integrated business management software",
        "misa-amis-software",
        "",
    ),
    "Đá thạch anh cao cấp Vicostone": (
        "Vicostone premium quartz surfaces",
        "vicostone-quartz-surfaces",
        "6810.99",
    ),
    "Bình nước nóng ROSSI": ("ROSSI water heaters", "rossi-water-heaters", "8516.10"),
    "Dây cáp điện SINO-VANLOCK": (
        "SINO-VANLOCK electric cables",
        "sino-vanlock-electric-cables",
        "8544.49",
    ),
    "Cửa nhôm Eurowindow": (
        "Eurowindow aluminium doors and windows",
        "eurowindow-aluminium-doors-windows",
        "7610.10",
    ),
    "Tôn mạ VNSTEEL Thăng Long": (
        "VNSTEEL Thăng Long coated steel sheets",
        "vnsteel-thang-long-coated-steel",
        "7210.49",
    ),
    "Máy và dây chuyền tự động hoá": (
        "Automation machines and production lines",
        "tpa-automation-lines",
        "8479.89",
    ),
    "Máy bán hàng tự động": ("Vending machines", "tpa-vending-machines", "8476.21"),
}

ABOUT = {
    "title": ("Giới thiệu trang", "About this site"),
    "slug": ("gioi-thieu", "about"),
    "intro": (
        "Trang thông tin về chương trình sản phẩm công nghiệp chủ lực Hà Nội.",
        "The information site of Hà Nội's key industrial products programme.",
    ),
    "body": [
        (
            "Nội dung hiện tại là dữ liệu mẫu, tổng hợp từ báo chí và văn bản công khai; mỗi tin và mỗi lần công nhận đều dẫn nguồn.",
            "The current content is sample data gathered from the press and public documents; every news item and recognition cites its source.",
        ),
        (
            "Tên pháp lý của doanh nghiệp chưa được xác minh nên doanh nghiệp được nêu theo thương hiệu.",
            "Company legal names have not been verified, so companies appear under their brand names.",
        ),
    ],
}
ACCESSIBILITY = {
    "title": ("Khả năng tiếp cận", "Accessibility"),
    "slug": ("kha-nang-tiep-can", "accessibility"),
    "intro": ("Cam kết của chúng tôi về khả năng tiếp cận.", "Our commitment to accessibility."),
    "body": [
        (
            "Trang hướng tới chuẩn WCAG 2.2 mức AA: dùng được bằng bàn phím, có liên kết bỏ qua tới nội dung chính, mọi ảnh có mô tả và màu sắc đủ tương phản.",
            "The site aims at WCAG 2.2 level AA: it works with a keyboard, has a skip link to the main content, every image is described and colours have enough contrast.",
        ),
        (
            "Nếu gặp khó khăn khi sử dụng, xin báo cho chúng tôi qua thư điện tử ở chân trang.",
            "If something is hard to use, please tell us by the email address in the footer.",
        ),
    ],
}

# Texts the loader fills in per CSV row ({year}).
PRODUCT_SUMMARY = (
    "Năm {year}, sản phẩm được UBND thành phố Hà Nội công nhận là sản phẩm công nghiệp chủ lực.",
    "In {year} the Hà Nội People's Committee recognised this product as a key industrial product.",
)
PRODUCT_SUMMARY_TOP10 = (
    "Năm {year}, sản phẩm được UBND thành phố Hà Nội công nhận là sản phẩm công nghiệp chủ lực và thuộc Top 10.",
    "In {year} the Hà Nội People's Committee recognised this product as a key industrial product and placed it in the Top 10.",
)
PRODUCT_DESCRIPTION = [
    (
        "Mô tả chi tiết sản phẩm là dữ liệu mẫu; doanh nghiệp cập nhật thông tin chính thức.",
        "The detailed description is sample data; the company will provide the official text.",
    )
]
COMPANY_SUMMARY = (
    "Doanh nghiệp có sản phẩm được công nhận là sản phẩm công nghiệp chủ lực Hà Nội năm {year}. Tên pháp lý chưa được xác minh.",
    "A company with a product recognised as a Hà Nội key industrial product in {year}. Its legal name has not been verified.",
)
