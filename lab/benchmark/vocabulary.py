"""The words synthetic products and companies are made of, each with its English rendering.

Product types and their HS codes follow what the programme actually recognises in each of the
eight official sectors (products.services.OFFICIAL_SECTORS), so that the benchmark's queries
look like visitors' queries: "đèn led âm trần", "gach op lat", "water pump". Every pair is
(Vietnamese, English).
"""

# sector slug -> product types (Vietnamese, English, HS code or "" for software)
PRODUCT_TYPES = {
    "co-khi-che-tao": [
        ("Máy bơm nước", "water pump", "8413.70"),
        ("Van công nghiệp", "industrial valve", "8481.80"),
        ("Ống thép inox", "stainless steel pipe", "7306.40"),
        ("Bồn chứa inox", "stainless steel tank", "7309.00"),
        ("Máy cắt kim loại CNC", "CNC metal cutting machine", "8456.11"),
        ("Khuôn mẫu chính xác", "precision mould", "8480.71"),
        ("Bánh răng truyền động", "transmission gear", "8483.40"),
        ("Kết cấu thép tiền chế", "pre-engineered steel structure", "7308.90"),
        ("Máy gặt đập liên hợp", "combine harvester", "8433.51"),
        ("Phụ tùng ô tô", "automotive parts", "8708.99"),
        ("Thang máy", "elevator", "8428.10"),
        ("Quạt công nghiệp", "industrial fan", "8414.59"),
    ],
    "dien-dien-tu": [
        ("Đèn LED chiếu sáng", "LED lighting", "8539.52"),
        ("Đèn LED âm trần", "recessed LED downlight", "9405.11"),
        ("Dây cáp điện", "electric cable", "8544.49"),
        ("Máy biến áp", "transformer", "8504.23"),
        ("Tủ điện", "switchboard", "8537.10"),
        ("Công tơ điện tử", "electronic electricity meter", "9028.30"),
        ("Bình nước nóng", "water heater", "8516.10"),
        ("Quạt điện", "electric fan", "8414.51"),
        ("Ổ cắm thông minh", "smart socket", "8536.69"),
        ("Bảng mạch điện tử", "printed circuit board", "8534.00"),
        ("Pin lưu trữ năng lượng", "energy storage battery", "8507.60"),
        ("Camera giám sát", "surveillance camera", "8525.89"),
    ],
    "cong-nghe-thong-tin": [
        ("Phần mềm quản lý doanh nghiệp", "enterprise management software", ""),
        ("Phần mềm kế toán", "accounting software", ""),
        ("Nền tảng hóa đơn điện tử", "e-invoicing platform", ""),
        ("Giải pháp chữ ký số", "digital signature solution", ""),
        ("Thiết bị mạng", "network equipment", "8517.62"),
        ("Máy tính bảng", "tablet computer", "8471.30"),
        ("Thiết bị định vị GPS", "GPS tracking device", "8526.91"),
        ("Hệ thống giao thông thông minh", "intelligent transport system", ""),
        ("Nền tảng học trực tuyến", "e-learning platform", ""),
        ("Phần mềm quản lý bệnh viện", "hospital management software", ""),
    ],
    "det-may-da-giay": [
        ("Áo sơ mi nam", "men's shirts", "6205.20"),
        ("Quần âu", "trousers", "6203.42"),
        ("Áo khoác", "jackets", "6201.40"),
        ("Giày thể thao", "sports shoes", "6404.11"),
        ("Giày da nam", "men's leather shoes", "6403.99"),
        ("Túi xách da", "leather handbags", "4202.21"),
        ("Vải dệt kim", "knitted fabric", "6006.22"),
        ("Sợi cotton", "cotton yarn", "5205.12"),
        ("Quần áo bảo hộ lao động", "protective workwear", "6211.33"),
        ("Khăn bông", "cotton towels", "6302.60"),
    ],
    "che-bien-nong-san-thuc-pham": [
        ("Bia hơi", "draught beer", "2203.00"),
        ("Nước khoáng", "mineral water", "2201.10"),
        ("Sữa tươi tiệt trùng", "UHT fresh milk", "0401.20"),
        ("Bánh quy", "biscuits", "1905.31"),
        ("Mì ăn liền", "instant noodles", "1902.30"),
        ("Giò lụa", "Vietnamese pork roll", "1601.00"),
        ("Chè búp", "green tea leaves", "0902.10"),
        ("Nước mắm", "fish sauce", "2103.90"),
        ("Gạo đóng túi", "packaged rice", "1006.30"),
        ("Bánh cốm", "green rice cakes", "1905.90"),
        ("Rượu vang", "wine", "2204.21"),
        ("Cà phê rang xay", "roasted ground coffee", "0901.21"),
    ],
    "hoa-chat-cao-su-nhua-duoc-pham": [
        ("Sơn nước", "water-based paint", "3209.10"),
        ("Ống nhựa uPVC", "uPVC pipes", "3917.23"),
        ("Săm lốp xe máy", "motorcycle tyres", "4011.40"),
        ("Thuốc viên nén", "tablet medicines", "3004.90"),
        ("Thực phẩm chức năng", "dietary supplements", "2106.90"),
        ("Bao bì nhựa", "plastic packaging", "3923.29"),
        ("Chất tẩy rửa", "detergent", "3402.50"),
        ("Phân bón hữu cơ", "organic fertiliser", "3101.00"),
        ("Găng tay cao su", "rubber gloves", "4015.19"),
        ("Mỹ phẩm thiên nhiên", "natural cosmetics", "3304.99"),
        ("Băng dính công nghiệp", "industrial adhesive tape", "3919.10"),
    ],
    "vat-lieu-xay-dung": [
        ("Gạch ốp lát", "ceramic tiles", "6907.21"),
        ("Gạch không nung", "unfired bricks", "6810.11"),
        ("Xi măng", "cement", "2523.29"),
        ("Kính cường lực", "tempered glass", "7007.19"),
        ("Đá thạch anh nhân tạo", "engineered quartz stone", "6810.99"),
        ("Thiết bị vệ sinh", "sanitary ware", "6910.10"),
        ("Cửa nhựa lõi thép", "steel-reinforced uPVC doors", "3925.20"),
        ("Tấm thạch cao", "gypsum board", "6809.11"),
        ("Bê tông đúc sẵn", "precast concrete", "6810.91"),
        ("Ngói màu", "coloured roof tiles", "6905.10"),
    ],
    "thu-cong-my-nghe": [
        ("Gốm sứ Bát Tràng", "Bát Tràng ceramics", "6912.00"),
        ("Mây tre đan", "rattan and bamboo ware", "4602.12"),
        ("Tranh sơn mài", "lacquer paintings", "4420.90"),
        ("Đồ khảm trai", "mother-of-pearl inlay", "9601.90"),
        ("Lụa tơ tằm", "mulberry silk", "5007.20"),
        ("Đồ gỗ mỹ nghệ", "fine woodwork", "4420.10"),
        ("Nón lá", "conical hats", "6504.00"),
        ("Tranh thêu tay", "hand embroidery", "5810.92"),
        ("Đồ đồng mỹ nghệ", "bronze handicrafts", "8306.29"),
        ("Quạt giấy", "paper fans", "4823.90"),
    ],
}

# sector slug -> qualifiers a product line is sold with
QUALIFIERS = {
    "co-khi-che-tao": [
        ("công suất lớn", "high-capacity"),
        ("chịu áp lực cao", "high-pressure"),
        ("tự động", "automatic"),
        ("chống ăn mòn", "corrosion-resistant"),
        ("cỡ nhỏ", "compact"),
    ],
    "dien-dien-tu": [
        ("tiết kiệm điện", "energy-saving"),
        ("thông minh", "smart"),
        ("chống thấm", "waterproof"),
        ("công suất cao", "high-power"),
        ("điều khiển từ xa", "remote-controlled"),
    ],
    "cong-nghe-thong-tin": [
        ("trên nền tảng đám mây", "cloud-based"),
        ("cho doanh nghiệp nhỏ", "for small businesses"),
        ("tích hợp trí tuệ nhân tạo", "AI-powered"),
        ("bảo mật cao", "high-security"),
    ],
    "det-may-da-giay": [
        ("cao cấp", "premium"),
        ("xuất khẩu", "export-grade"),
        ("chống nhăn", "wrinkle-free"),
        ("thân thiện môi trường", "eco-friendly"),
    ],
    "che-bien-nong-san-thuc-pham": [
        ("truyền thống", "traditional"),
        ("hữu cơ", "organic"),
        ("ít đường", "low-sugar"),
        ("đặc sản Hà Nội", "Hà Nội speciality"),
    ],
    "hoa-chat-cao-su-nhua-duoc-pham": [
        ("thân thiện môi trường", "eco-friendly"),
        ("chịu nhiệt", "heat-resistant"),
        ("kháng khuẩn", "antibacterial"),
        ("cao cấp", "premium"),
    ],
    "vat-lieu-xay-dung": [
        ("siêu nhẹ", "ultra-light"),
        ("cách nhiệt", "heat-insulating"),
        ("chống thấm", "waterproof"),
        ("vân đá", "stone-effect"),
    ],
    "thu-cong-my-nghe": [
        ("thủ công", "handmade"),
        ("truyền thống", "traditional"),
        ("cao cấp", "premium"),
        ("xuất khẩu", "export-grade"),
    ],
}

# sector slug -> what a company of the sector calls its line of business
COMPANY_LINES = {
    "co-khi-che-tao": [("Cơ khí", "Mechanical Engineering"), ("Chế tạo máy", "Machinery")],
    "dien-dien-tu": [
        ("Điện tử", "Electronics"),
        ("Thiết bị điện", "Electrical Equipment"),
        ("Chiếu sáng", "Lighting"),
    ],
    "cong-nghe-thong-tin": [("Công nghệ", "Technology"), ("Phần mềm", "Software")],
    "det-may-da-giay": [("May mặc", "Garment"), ("Dệt may", "Textile"), ("Giày da", "Footwear")],
    "che-bien-nong-san-thuc-pham": [
        ("Thực phẩm", "Food"),
        ("Nông sản", "Agricultural Products"),
        ("Đồ uống", "Beverage"),
    ],
    "hoa-chat-cao-su-nhua-duoc-pham": [
        ("Hóa chất", "Chemicals"),
        ("Nhựa", "Plastics"),
        ("Dược phẩm", "Pharmaceutical"),
    ],
    "vat-lieu-xay-dung": [("Vật liệu xây dựng", "Building Materials"), ("Gốm sứ", "Ceramics")],
    "thu-cong-my-nghe": [("Mỹ nghệ", "Handicrafts"), ("Thủ công", "Crafts")],
}

# sector slug -> a sentence on how the product is made
FEATURES = {
    "co-khi-che-tao": [
        (
            "dây chuyền gia công CNC và hàn tự động",
            "a CNC machining and automated welding line",
        ),
        ("thép không gỉ SUS 304 nhập khẩu", "imported SUS 304 stainless steel"),
    ],
    "dien-dien-tu": [
        ("linh kiện chip LED hiệu suất cao", "high-efficiency LED chips"),
        ("dây chuyền lắp ráp SMT hiện đại", "a modern SMT assembly line"),
    ],
    "cong-nghe-thong-tin": [
        ("đội ngũ kỹ sư phần mềm trong nước", "a team of Vietnamese software engineers"),
        ("kiến trúc vi dịch vụ dễ mở rộng", "a scalable microservice architecture"),
    ],
    "det-may-da-giay": [
        ("vải sợi tự nhiên và đường may tỉ mỉ", "natural fibres and careful stitching"),
        ("dây chuyền cắt may tự động", "an automated cutting and sewing line"),
    ],
    "che-bien-nong-san-thuc-pham": [
        ("nguyên liệu từ vùng trồng ngoại thành Hà Nội", "ingredients grown around Hà Nội"),
        ("quy trình khép kín đạt chuẩn an toàn thực phẩm", "a closed food-safe process"),
    ],
    "hoa-chat-cao-su-nhua-duoc-pham": [
        ("nguyên liệu đạt chuẩn dược điển", "pharmacopoeia-grade ingredients"),
        ("công nghệ ép đùn và phối trộn tự động", "automated extrusion and compounding"),
    ],
    "vat-lieu-xay-dung": [
        ("lò nung con lăn công nghệ Ý", "an Italian roller kiln"),
        ("phụ gia giảm phát thải", "low-emission additives"),
    ],
    "thu-cong-my-nghe": [
        ("kỹ thuật của nghệ nhân làng nghề", "the techniques of craft-village artisans"),
        ("nguyên liệu tự nhiên của địa phương", "local natural materials"),
    ],
}

# Two-syllable brand names, as Hà Nội companies are called (Minh Phát, Sao Mai, Hồng Hà)
BRAND_FIRST = [
    "An", "Bảo", "Bình", "Đại", "Đông", "Đức", "Hà", "Hải", "Hòa", "Hoàng", "Hồng", "Hưng",
    "Kim", "Long", "Minh", "Nam", "Ngọc", "Phú", "Phúc", "Phương", "Quang", "Sao", "Sơn",
    "Tân", "Thăng", "Thành", "Thiên", "Thịnh", "Toàn", "Trường", "Tiến", "Việt", "Vĩnh",
    "Xuân", "Gia", "Hợp",
]  # fmt: skip
BRAND_SECOND = [
    "An", "Bình", "Dương", "Đạt", "Hà", "Hải", "Hưng", "Khang", "Lâm", "Long", "Mai", "Minh",
    "Nam", "Phát", "Phong", "Quang", "Sơn", "Tâm", "Thái", "Thành", "Thịnh", "Tiến", "Trung",
    "Việt", "Vượng", "Lộc", "Anh",
]  # fmt: skip
# An optional third word of the company name (Vietnamese, English)
COMPANY_SUFFIXES = [
    ("Hà Nội", "Hà Nội"),
    ("Thăng Long", "Thăng Long"),
    ("Việt Nam", "Vietnam"),
    ("Quốc tế", "International"),
]
# Legal forms: (Vietnamese prefix, English suffix, weight)
LEGAL_FORMS = [
    ("Công ty Cổ phần", "JSC", 5),
    ("Công ty TNHH", "Co., Ltd", 4),
    ("Công ty TNHH MTV", "One Member Co., Ltd", 1),
    ("Hợp tác xã", "Cooperative", 1),
]
STREETS = [
    "phố Trần Duy Hưng", "đường Nguyễn Trãi", "đường Phạm Văn Đồng", "phố Huế",
    "đường Giải Phóng", "đường Láng", "phố Kim Mã", "đường Nguyễn Văn Cừ", "đường Cầu Giấy",
    "đường Hồ Tùng Mậu", "phố Tây Sơn", "đường Lê Văn Lương", "đường Ngọc Hồi",
    "đường Quang Trung", "phố Minh Khai", "đường Tam Trinh",
]  # fmt: skip

CERTIFICATIONS = [
    ("iso-9001", "ISO 9001:2015", "ISO 9001:2015"),
    ("iso-14001", "ISO 14001:2015", "ISO 14001:2015"),
    ("iso-22000", "ISO 22000:2018", "ISO 22000:2018"),
    ("iso-27001", "ISO/IEC 27001:2022", "ISO/IEC 27001:2022"),
    ("haccp", "HACCP", "HACCP"),
    ("gmp-who", "GMP-WHO", "WHO GMP"),
    ("ce", "Chứng nhận CE", "CE marking"),
    ("ul", "Chứng nhận UL", "UL certification"),
    ("rohs", "RoHS", "RoHS"),
    ("hop-chuan-tcvn", "Hợp chuẩn TCVN", "TCVN standard conformity"),
    ("hop-quy-qcvn", "Hợp quy QCVN", "QCVN technical regulation conformity"),
    ("ocop-4-sao", "OCOP 4 sao", "OCOP 4 stars"),
    ("cmmi-3", "CMMI cấp 3", "CMMI level 3"),
    ("oeko-tex", "OEKO-TEX Standard 100", "OEKO-TEX Standard 100"),
    ("nhan-nang-luong", "Nhãn năng lượng", "Energy label"),
    ("thuong-hieu-quoc-gia", "Thương hiệu quốc gia", "Vietnam Value national brand"),
]
# sector slug -> the certifications its products typically hold (slugs above)
SECTOR_CERTIFICATIONS = {
    "co-khi-che-tao": ["iso-9001", "iso-14001", "ce", "hop-chuan-tcvn", "hop-quy-qcvn"],
    "dien-dien-tu": ["iso-9001", "ce", "ul", "rohs", "nhan-nang-luong", "hop-quy-qcvn"],
    "cong-nghe-thong-tin": ["iso-9001", "iso-27001", "cmmi-3", "thuong-hieu-quoc-gia"],
    "det-may-da-giay": ["iso-9001", "iso-14001", "oeko-tex", "thuong-hieu-quoc-gia"],
    "che-bien-nong-san-thuc-pham": ["iso-22000", "haccp", "ocop-4-sao", "thuong-hieu-quoc-gia"],
    "hoa-chat-cao-su-nhua-duoc-pham": ["iso-9001", "gmp-who", "iso-14001", "hop-chuan-tcvn"],
    "vat-lieu-xay-dung": ["iso-9001", "iso-14001", "hop-chuan-tcvn", "hop-quy-qcvn"],
    "thu-cong-my-nghe": ["ocop-4-sao", "iso-9001", "thuong-hieu-quoc-gia"],
}
MARKETS = [
    ("nhat-ban", "Nhật Bản", "Japan"),
    ("han-quoc", "Hàn Quốc", "South Korea"),
    ("hoa-ky", "Hoa Kỳ", "United States"),
    ("lien-minh-chau-au", "Liên minh châu Âu", "European Union"),
    ("trung-quoc", "Trung Quốc", "China"),
    ("asean", "ASEAN", "ASEAN"),
    ("uc", "Úc", "Australia"),
    ("dai-loan", "Đài Loan", "Taiwan"),
    ("lao", "Lào", "Laos"),
    ("campuchia", "Campuchia", "Cambodia"),
    ("canada", "Canada", "Canada"),
    ("trung-dong", "Trung Đông", "Middle East"),
    ("an-do", "Ấn Độ", "India"),
]
# Industrial zones and clusters of Hà Nội: (slug, Vietnamese, English, kind)
INDUSTRIAL_ZONES = [
    ("kcn-thang-long", "Khu công nghiệp Thăng Long", "Thăng Long Industrial Park", "kcn"),
    ("kcn-noi-bai", "Khu công nghiệp Nội Bài", "Nội Bài Industrial Park", "kcn"),
    ("kcn-quang-minh", "Khu công nghiệp Quang Minh", "Quang Minh Industrial Park", "kcn"),
    (
        "kcn-bac-thang-long",
        "Khu công nghiệp Bắc Thăng Long",
        "North Thăng Long Industrial Park",
        "kcn",
    ),
    ("kcn-phu-nghia", "Khu công nghiệp Phú Nghĩa", "Phú Nghĩa Industrial Park", "kcn"),
    ("kcn-sai-dong-b", "Khu công nghiệp Sài Đồng B", "Sài Đồng B Industrial Park", "kcn"),
    ("cnc-hoa-lac", "Khu công nghệ cao Hòa Lạc", "Hòa Lạc Hi-Tech Park", "cnc"),
    ("ccn-ngoc-hoi", "Cụm công nghiệp Ngọc Hồi", "Ngọc Hồi Industrial Cluster", "ccn"),
    ("ccn-phung-xa", "Cụm công nghiệp Phùng Xá", "Phùng Xá Industrial Cluster", "ccn"),
    ("ccn-bat-trang", "Cụm công nghiệp Bát Tràng", "Bát Tràng Industrial Cluster", "ccn"),
]

RECOGNITION_YEARS = range(2018, 2026)
