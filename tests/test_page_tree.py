"""Every page type: where it may live, and that an editor can create it in the admin."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage, SitemapPage, StandardPage
from news.models import NewsIndexPage, NewsPage
from products.factories import CompanyPageFactory, SectorFactory
from products.models import CompanyIndexPage, CompanyPage, ProductIndexPage, ProductPage
from programme.models import (
    CriteriaPage,
    DecisionIndexPage,
    EventIndexPage,
    EventPage,
    GuidancePage,
    OpenDataPage,
    ProgrammeIndexPage,
    StatisticsPage,
)
from tests.sitetree import get_site_tree


class TestParentChildRules(WagtailPageTestCase):
    def test_home_page(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                ProgrammeIndexPage,
                EventIndexPage,
                NewsIndexPage,
                ProductIndexPage,
                CompanyIndexPage,
                StandardPage,
                SitemapPage,
            },
        )
        self.assertAllowedParentPageTypes(SitemapPage, {HomePage})
        self.assertAllowedSubpageTypes(SitemapPage, set())

    def test_programme_section(self):
        self.assertAllowedParentPageTypes(ProgrammeIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(
            ProgrammeIndexPage,
            {
                CriteriaPage,
                GuidancePage,
                DecisionIndexPage,
                StatisticsPage,
                OpenDataPage,
                StandardPage,
            },
        )
        for leaf in (CriteriaPage, GuidancePage, DecisionIndexPage, StatisticsPage, OpenDataPage):
            self.assertAllowedParentPageTypes(leaf, {ProgrammeIndexPage})
            self.assertAllowedSubpageTypes(leaf, set())

    def test_events(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())

    def test_news(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())

    def test_catalogue(self):
        self.assertAllowedParentPageTypes(ProductIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ProductIndexPage, {ProductPage})
        self.assertAllowedParentPageTypes(ProductPage, {ProductIndexPage})
        self.assertAllowedSubpageTypes(ProductPage, set())
        self.assertAllowedParentPageTypes(CompanyIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CompanyIndexPage, {CompanyPage})
        self.assertAllowedParentPageTypes(CompanyPage, {CompanyIndexPage})
        self.assertAllowedSubpageTypes(CompanyPage, set())

    def test_standard_page(self):
        self.assertAllowedParentPageTypes(
            StandardPage, {HomePage, ProgrammeIndexPage, StandardPage}
        )
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_one_index_of_each_kind_per_home(self):
        tree = get_site_tree()
        self.assertFalse(ProductIndexPage.can_create_at(tree.home))
        self.assertFalse(NewsIndexPage.can_create_at(tree.home))
        self.assertTrue(ProductPage.can_create_at(tree.products))


def _paragraph(text):
    return ("paragraph", rich_text(f"<p>{text}</p>"))


class TestCreateInAdmin(WagtailPageTestCase):
    """Each type through the real admin form, with its streams and inline panels."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = get_site_tree()
        cls.sector = SectorFactory(slug="co-khi-che-tao")
        cls.company = CompanyPageFactory(parent=cls.tree.companies)

    def setUp(self):
        self.login()

    def test_programme_index_criteria_guidance_decisions(self):
        programme = ProgrammeIndexPage.objects.child_of(self.tree.home).first()
        criteria = nested_form_data(
            {
                "title": "Tiêu chí 2027",
                "slug": "tieu-chi-2027",
                "intro": rich_text("<p>Điều kiện tham gia năm 2027.</p>"),
                "thresholds": streamfield(
                    [
                        (
                            "threshold",
                            {
                                "product_type": "high_tech",
                                "measure": "revenue",
                                "comparison": "at_least",
                                "amount": "10",
                                "unit": "vnd_billion",
                                "requirement": "Thuộc danh mục.",
                                "legal_basis": "1520/HD-SCT",
                            },
                        )
                    ]
                ),
                "indicators": streamfield(
                    [
                        (
                            "indicator",
                            {
                                "indicator": "Khả năng xuất khẩu",
                                "description": "Kim ngạch.",
                                "weight": "",
                            },
                        )
                    ]
                ),
                "body": streamfield([]),
            }
        )
        self.assertCanCreate(programme, CriteriaPage, criteria)
        guidance = nested_form_data(
            {
                "title": "Hướng dẫn 2027",
                "slug": "huong-dan-2027",
                "intro": rich_text("<p>Các bước.</p>"),
                "steps": streamfield(
                    [("step", {"title": "Đăng ký", "body": rich_text("<p>Gửi phiếu.</p>")})]
                ),
                "documents": streamfield(
                    [
                        (
                            "required_document",
                            {
                                "name": "Phiếu đăng ký",
                                "description": "",
                                "template_document": "",
                                "product_type": "all",
                            },
                        )
                    ]
                ),
                "deadlines": streamfield(
                    [("deadline", {"label": "Hạn nộp", "date": "2027-05-01", "note": ""})]
                ),
                "faq": streamfield(
                    [("faq", {"question": "Hiệu lực?", "answer": rich_text("<p>3 năm.</p>")})]
                ),
                "body": streamfield([]),
            }
        )
        self.assertCanCreate(programme, GuidancePage, guidance)

    def test_event_page(self):
        data = nested_form_data(
            {
                "title": "Hội nghị kết nối 2027",
                "slug": "hoi-nghi-ket-noi-2027",
                "kind": "business_matching",
                "starts_at": "2027-03-18 08:30",
                "ends_at": "2027-03-18 16:30",
                "venue": "Trung tâm Hội nghị",
                "address": "Hà Nội",
                "organiser": "Sở Công Thương Hà Nội",
                "summary": "Kết nối doanh nghiệp.",
                "registration_details": rich_text("<p>Đăng ký trước.</p>"),
                "registration_url": "",
                "registration_deadline": "2027-03-10",
                "body": streamfield([_paragraph("Chương trình hội nghị.")]),
            }
        )
        self.assertCanCreate(self.tree.events, EventPage, data)

    def test_news_page(self):
        data = nested_form_data(
            {
                "title": "Tin mới",
                "slug": "tin-moi",
                "date": "2026-11-30",
                "summary": "Tóm tắt.",
                "body": streamfield([_paragraph("Nội dung.")]),
                "source_url": "",
                "tags": "công nhận",
            }
        )
        self.assertCanCreate(self.tree.news, NewsPage, data)

    def test_company_page(self):
        data = nested_form_data(
            {
                "title": "Công ty Thử nghiệm",
                "slug": "cong-ty-thu-nghiem",
                "legal_name": "",
                "brand_name": "Thử nghiệm",
                "tax_code": "0101234567-001",
                "summary": "Doanh nghiệp mẫu.",
                "address": "1 Tràng Tiền",
                "website": "https://example.com",
                "contact_email": "info@example.com",
                "contact_phone": "024 0000 0000",
                "body": streamfield([]),
                "recognitions": inline_formset([]),
            }
        )
        self.assertCanCreate(self.tree.companies, CompanyPage, data)

    def test_product_page(self):
        data = nested_form_data(
            {
                "title": "Máy thử nghiệm",
                "slug": "may-thu-nghiem",
                "company": self.company.pk,
                "summary": "Sản phẩm mẫu.",
                "description": streamfield([_paragraph("Mô tả.")]),
                "sector": self.sector.pk,
                "hs_code": "8479.89",
                "standards": "TCVN 1",
                "certification_links": inline_formset([]),
                "market_links": inline_formset([]),
                "specifications": streamfield(
                    [("specification", {"name": "Công suất", "value": "9 W"})]
                ),
                "gallery_images": inline_formset([]),
                "recognitions": inline_formset(
                    [
                        {
                            "year": 2025,
                            "is_top10": "",
                            "decision": "",
                            "decision_reference": "",
                            "valid_until": "",
                            "source_url": "",
                        }
                    ]
                ),
            }
        )
        self.assertCanCreate(self.tree.products, ProductPage, data)
        product = ProductPage.objects.get(slug="may-thu-nghiem")
        self.assertEqual(product.company_id, self.company.pk)
        self.assertEqual(list(product.recognitions.values_list("year", "is_top10")), [(2025, None)])

    def test_standard_page(self):
        data = nested_form_data(
            {
                "title": "Giới thiệu",
                "slug": "gioi-thieu-2",
                "intro": "",
                "body": streamfield([_paragraph("Về trang.")]),
            }
        )
        self.assertCanCreate(self.tree.home, StandardPage, data)

    def test_product_without_company_is_refused_with_a_message(self):
        response = self.client.post(
            f"/admin/pages/add/products/productpage/{self.tree.products.pk}/",
            nested_form_data(
                {
                    "title": "Thiếu doanh nghiệp",
                    "slug": "thieu-doanh-nghiep",
                    "company": "",
                    "summary": "",
                    "description": streamfield([]),
                    "sector": self.sector.pk,
                    "hs_code": "",
                    "standards": "",
                    "specifications": streamfield([]),
                    "certification_links": inline_formset([]),
                    "market_links": inline_formset([]),
                    "gallery_images": inline_formset([]),
                    "recognitions": inline_formset(
                        [
                            {
                                "year": 2025,
                                "is_top10": "",
                                "decision": "",
                                "decision_reference": "",
                                "valid_until": "",
                                "source_url": "",
                            }
                        ]
                    ),
                }
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ProductPage.objects.filter(slug="thieu-doanh-nghiep").exists())


class TestCreateSectionsInAdmin(WagtailPageTestCase):
    """A second home page (another site, say) and every index page under it."""

    def setUp(self):
        self.login()

    def test_home_and_index_pages(self):
        root = Page.get_first_root_node()
        self.assertCanCreate(
            root,
            HomePage,
            nested_form_data(
                {
                    "title": "Trang chủ thử",
                    "slug": "trang-chu-thu",
                    "hero_heading": "Sản phẩm chủ lực",
                    "intro": rich_text("<p>Giới thiệu.</p>"),
                    "featured_products": inline_formset([]),
                    "body": streamfield([]),
                }
            ),
        )
        home = HomePage.objects.get(slug="trang-chu-thu")
        intro = {"intro": rich_text("<p>Giới thiệu.</p>")}
        sections = [
            (ProgrammeIndexPage, "chuong-trinh", {**intro, "body": streamfield([])}),
            (NewsIndexPage, "tin-tuc", intro),
            (EventIndexPage, "su-kien", intro),
            (ProductIndexPage, "san-pham", intro),
            (CompanyIndexPage, "doanh-nghiep", intro),
        ]
        for model, slug, fields in sections:
            self.assertCanCreate(
                home, model, nested_form_data({"title": slug, "slug": slug, **fields})
            )
        programme = ProgrammeIndexPage.objects.child_of(home).get()
        self.assertCanCreate(
            programme,
            DecisionIndexPage,
            nested_form_data({"title": "Văn bản", "slug": "van-ban", **intro}),
        )


class TestPreviews(WagtailPageTestCase):
    """Editors can preview every page type before publishing it."""

    @classmethod
    def setUpTestData(cls):
        from home.factories import StandardPageFactory
        from news.factories import NewsPageFactory
        from products.factories import ProductWithImageFactory
        from programme.factories import (
            CriteriaPageFactory,
            DecisionIndexPageFactory,
            EventPageFactory,
            GuidancePageFactory,
        )

        tree = get_site_tree()
        cls.pages = [
            tree.home,
            tree.programme,
            tree.news,
            tree.events,
            tree.products,
            tree.companies,
            CriteriaPageFactory(parent=tree.programme),
            GuidancePageFactory(parent=tree.programme),
            DecisionIndexPageFactory(parent=tree.programme),
            EventPageFactory(parent=tree.events),
            NewsPageFactory(parent=tree.news),
            StandardPageFactory(parent=tree.home),
        ]
        company = CompanyPageFactory(parent=tree.companies)
        cls.pages += [ProductWithImageFactory(parent=tree.products, company=company), company]

    def test_every_page_type_can_be_previewed_from_a_draft_revision(self):
        previewed = set()
        for page in self.pages:
            page = page.specific
            page.title = f"{page.title} (bản nháp)"
            revision = page.save_revision()
            draft = revision.as_object()
            response = draft.make_preview_request()
            self.assertEqual(response.status_code, 200, type(page).__name__)
            self.assertContains(response, "(bản nháp)")
            previewed.add(type(page))
        self.assertEqual(len(previewed), 14)
