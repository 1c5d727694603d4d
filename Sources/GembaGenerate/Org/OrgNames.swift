/// The words the organisation is made of: team, people's, account and initiative names, and the parts
/// titles are built from. Some hold commas, double quotes, apostrophes and non-ASCII text (an emoji
/// too), so the CSV files exercise quoting and Unicode.
enum OrgNames {
    /// A kind of team: name, item-key prefix, workflow and the domain its titles come from. The first
    /// eight are the sample organisation's teams; larger organisations cycle through all forty.
    struct TeamKind {
        let name: String
        let prefix: String
        let template: WorkflowTemplate
        let domain: Int
    }

    static let teams: [TeamKind] = [
        TeamKind(name: "Payments", prefix: "PAY", template: .full, domain: 0),
        TeamKind(name: "Platform", prefix: "PLT", template: .platform, domain: 1),
        TeamKind(name: "Mobile", prefix: "MOB", template: .mobile, domain: 2),
        TeamKind(name: "Data", prefix: "DAT", template: .data, domain: 3),
        TeamKind(name: "Design", prefix: "DSG", template: .design, domain: 4),
        TeamKind(name: "Web", prefix: "WEB", template: .web, domain: 5),
        TeamKind(name: "Checkout", prefix: "CHK", template: .full, domain: 0),
        TeamKind(name: "Identity", prefix: "IDN", template: .web, domain: 6),
        TeamKind(name: "Search", prefix: "SRC", template: .web, domain: 5),
        TeamKind(name: "Billing", prefix: "BIL", template: .full, domain: 0),
        TeamKind(name: "Growth", prefix: "GRW", template: .web, domain: 5),
        TeamKind(name: "Infrastructure", prefix: "INF", template: .platform, domain: 1),
        TeamKind(name: "Security", prefix: "SEC", template: .platform, domain: 6),
        TeamKind(name: "Onboarding", prefix: "ONB", template: .mobile, domain: 2),
        TeamKind(name: "Analytics", prefix: "ANL", template: .data, domain: 3),
        TeamKind(name: "Messaging", prefix: "MSG", template: .mobile, domain: 2),
        TeamKind(name: "Catalog", prefix: "CAT", template: .web, domain: 5),
        TeamKind(name: "Pricing", prefix: "PRC", template: .data, domain: 3),
        TeamKind(name: "Logistics", prefix: "LOG", template: .full, domain: 0),
        TeamKind(name: "Support", prefix: "SUP", template: .platform, domain: 1),
        TeamKind(name: "API", prefix: "API", template: .platform, domain: 1),
        TeamKind(name: "Partners", prefix: "PRT", template: .web, domain: 6),
        TeamKind(name: "Ledger", prefix: "LED", template: .full, domain: 0),
        TeamKind(name: "Risk", prefix: "RSK", template: .data, domain: 3),
        TeamKind(name: "Fraud", prefix: "FRD", template: .data, domain: 3),
        TeamKind(name: "Insights", prefix: "INS", template: .data, domain: 3),
        TeamKind(name: "Content", prefix: "CNT", template: .design, domain: 4),
        TeamKind(name: "Media", prefix: "MED", template: .mobile, domain: 2),
        TeamKind(name: "Notifications", prefix: "NTF", template: .mobile, domain: 2),
        TeamKind(name: "Accounts", prefix: "ACC", template: .full, domain: 6),
        TeamKind(name: "Reporting", prefix: "REP", template: .data, domain: 3),
        TeamKind(name: "Integrations", prefix: "ITG", template: .platform, domain: 1),
        TeamKind(name: "Compliance", prefix: "CMP", template: .full, domain: 6),
        TeamKind(name: "Localization", prefix: "LOC", template: .design, domain: 4),
        TeamKind(name: "Performance", prefix: "PRF", template: .platform, domain: 1),
        TeamKind(name: "Reliability", prefix: "REL", template: .platform, domain: 1),
        TeamKind(name: "Tooling", prefix: "TOL", template: .platform, domain: 1),
        TeamKind(name: "Marketplace", prefix: "MKT", template: .web, domain: 5),
        TeamKind(name: "Subscriptions", prefix: "SUB", template: .full, domain: 0),
        TeamKind(name: "Maps", prefix: "MAP", template: .mobile, domain: 2),
    ]

    /// Item types, and the start of a title for each.
    static let types = ["feature", "bug", "chore", "spike"]
    static let titleStarts: [[String]] = [
        ["Add", "Support", "Build", "Show", "Let customers manage", "Redesign", "Introduce", "Allow export of"],
        ["Fix", "Crash in", "Wrong totals in", "Timeout in", "Fix flaky", "Broken layout of"],
        ["Upgrade dependencies of", "Clean up", "Migrate", "Document", "Remove dead code in", "Automate"],
        ["Investigate", "Spike:", "Explore options for", "Prototype"],
    ]

    /// The ends of titles, by domain.
    static let titleEnds: [[String]] = [
        ["refunds, partial and full", "SEPA direct debit", "\"Pay now\" button", "invoice PDFs", "card vault",
         "payout reports", "currency conversion", "3-D Secure flow", "chargeback handling", "VAT rounding"],
        ["CI pipeline", "Kubernetes cluster", "log shipping", "database backups", "feature flags", "service mesh",
         "secrets rotation", "build cache", "alerting rules", "staging environment"],
        ["push notifications", "offline mode", "app onboarding", "dark mode", "iOS widget", "Android deep links",
         "crash reporting", "in-app review prompt", "biometric login", "Zürich office map"],
        ["revenue dashboard", "event pipeline", "churn model", "warehouse tables", "GDPR deletion job",
         "daily KPI report", "data quality checks", "forecast notebook", "dbt models", "customer segments"],
        ["design system tokens", "icon set", "checkout flow mock-ups", "accessibility audit",
         "Café menu: allergen labels", "onboarding illustrations", "style guide", "usability test plan",
         "empty states", "typography scale"],
        ["search results page", "product page", "cookie banner", "sitemap", "landing page 🚀", "account settings",
         "blog", "newsletter sign-up", "help centre", "SEO metadata"],
        ["single sign-on", "password reset", "two-factor login", "session timeout", "user roles", "audit log",
         "SCIM provisioning", "login page", "API tokens", "consent records"],
    ]

    static let firstNames = [
        "Anna", "Bram", "Chloé", "Daan", "Elif", "Femke", "Grace", "Hugo", "Inès", "Jan", "Kees", "Lotte",
        "Mohammed", "Noor", "Olga", "Pieter", "Quinten", "Ruth", "Sven", "Tess", "Umar", "Vera", "Wouter",
        "Xiu", "Yara", "Zoë", "José", "Björn", "Søren", "Aoife", "Łukasz", "Priya", "Mei", "Kwame", "Fatima",
        "Lars", "Sanne", "Thijs", "Emma", "Luuk",
    ]
    static let lastNames = [
        "de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "Müller", "Núñez", "Yılmaz",
        "O'Neill", "Novák", "Kowalski", "Dubois", "Rossi", "Hansen", "Okafor", "Chen", "Nguyen", "Haddad",
        "Peeters", "Janssens", "Schmidt", "Fernández", "Ó Briain", "Lindqvist", "Horváth", "Popescu", "Kaya",
        "van den Berg", "Mulder", "de Groot", "Bos", "Vos", "Hendriks", "Dekker", "Brouwer", "de Wit",
        "Dijkstra", "Smits",
    ]

    /// Client companies: deals' accounts and client-funded initiatives' clients.
    static let accounts = [
        "Acme, Inc.", "Brasserie Zoë", "Café Central", "Müller & Söhne", "Nordwind Logistik GmbH", "Hotel de Pauw",
        "Stadtwerke Süd", "Fjord Fisheries AS", "Oranje Energie B.V.", "Polder Bikes", "Tulip Health",
        "Canal Insurance", "Delta Freight", "Gouda Dairy Co-op", "\"The Corner\" Bookshop", "Atelier Lumière",
        "Baltic Ferries", "Keukenhof Events", "Maas Marine", "Rhein Chemie", "Alpine Bank AG", "Iberia Foods S.A.",
        "Kraków Games", "Dublin Brewing Ltd", "Helsinki Design Week", "Lisboa Tiles", "Praha Pivo s.r.o.",
        "Wiener Kaffeehaus", "Zaanse Mills", "Eindhoven Robotics",
    ]

    static let initiatives = [
        "Checkout v2", "EU Expansion", "Mobile 3.0", "Warehouse Migration", "Design System", "Partner API",
        "Self-service Onboarding", "Cloud Cost Cut", "Accessibility First", "GDPR Clean-up", "Instant Payouts",
        "Search Relaunch", "Subscriptions", "Zero Downtime", "Data Mesh", "Customer 360", "Fraud Shield",
        "Open Banking", "Marketplace Launch", "Loyalty Programme", "Nordics Launch", "Public API v3",
        "Observability", "Pricing Engine", "Kiosk Mode", "Café Partners", "Green Hosting", "Identity Overhaul",
        "Reporting Suite", "Support Deflection", "Offline First", "Mobile Wallet", "B2B Portal",
        "Localization, Wave 2", "Security Audit", "Tax Engine", "Merchant Dashboard", "Realtime Events",
        "Legacy Sunset", "Launch Readiness",
    ]

    static let blockReasons = [
        "waiting for client", "waiting for another team", "test environment down", "waiting for a decision",
        "external dependency", "access rights",
    ]

    static let dealSources = ["inbound", "outbound", "referral", "partner", "event"]
}
