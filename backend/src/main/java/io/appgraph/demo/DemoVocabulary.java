package io.appgraph.demo;

import java.util.List;

/**
 * Word lists the demo estate is composed from. Kept apart from the generator so the
 * algorithm stays readable; the lists are long because 10,000 distinct, plausible app
 * names need them.
 */
final class DemoVocabulary {

    static final String ORGANISATION = "engineering";

    static final String COMPANY_DOMAIN = "acme.example";

    /** How an app takes part in call chains, which decides who may call it. */
    enum Kind {

        /**
         * Browser-facing: calls the gateway and back ends, is called by nobody inside the
         * estate.
         */
        FRONT,
        /** Backend for a front end: called by front ends and the gateway. */
        BFF,
        /** Request/response services: the usual callees. */
        API,
        /** Jobs, consumers and workers: they call others but are seldom called. */
        BACKGROUND

    }

    record Role(String name, int weight, Kind kind) {
    }

    record Department(String name, double squadShare, List<String> domains, List<String> subjects,
            List<Role> extraRoles) {
    }

    /**
     * A platform service most of the estate calls; {@code squad} is one of
     * {@link #PLATFORM_SQUADS}.
     */
    record Hub(String name, String squad, String description) {
    }

    /** A squad every estate has, with the domain word its own apps are named after. */
    record FixedSquad(String name, String domain, String description) {
    }

    static final String AUTH_SERVICE = "auth-service";

    /**
     * The app the README's first question is about: the payments API that checkout and
     * others call.
     */
    static final String FLAGSHIP = "payments-api";

    static final String FLAGSHIP_DOMAIN = "payments";

    static final String CONFIG_SERVICE = "config-service";

    static final String USER_SERVICE = "user-service";

    static final String API_GATEWAY = "api-gateway";

    static final String FEATURE_FLAGS = "feature-flags";

    static final String AUDIT_LOG = "audit-log";

    static final String NOTIFICATION_SERVICE = "notification-service";

    static final String OPS_SQUAD = "sre";

    static final String PLATFORM = "platform";

    static final List<FixedSquad> PLATFORM_SQUADS = List.of(new FixedSquad(OPS_SQUAD, "incident",
            "Site reliability engineering: on-call tooling, incident response, and an ops buddy for every squad."),
            new FixedSquad("identity", "identity",
                    "Owns sign-in, tokens and user records that every other service relies on."),
            new FixedSquad("edge", "edge",
                    "Runs the API gateway, rate limiting and everything between the internet and our services."),
            new FixedSquad("platform-core", "config",
                    "Shared runtime services: configuration, feature flags and the audit trail."),
            new FixedSquad("messaging", "messaging", "Email, SMS and push delivery for every product team."));

    static final List<Hub> HUBS = List.of(
            new Hub(AUTH_SERVICE, "identity", "Issues and validates access tokens for users and services."),
            new Hub(CONFIG_SERVICE, "platform-core",
                    "Serves runtime configuration to every service at start-up and on change."),
            new Hub(USER_SERVICE, "identity", "System of record for user accounts, roles and profile basics."),
            new Hub(API_GATEWAY, "edge", "Public entry point: routes, authenticates and rate-limits external traffic."),
            new Hub(FEATURE_FLAGS, "platform-core",
                    "Evaluates feature flags and percentage roll-outs for all services."),
            new Hub(AUDIT_LOG, "platform-core", "Append-only audit trail of security- and money-relevant actions."),
            new Hub(NOTIFICATION_SERVICE, "messaging",
                    "Sends email, SMS and push notifications on behalf of other services."));

    static final List<Role> COMMON_ROLES = List.of(new Role("api", 18, Kind.API), new Role("service", 16, Kind.API),
            new Role("worker", 11, Kind.BACKGROUND), new Role("web", 5, Kind.FRONT), new Role("ui", 2, Kind.FRONT),
            new Role("bff", 3, Kind.BFF), new Role("scheduler", 4, Kind.BACKGROUND),
            new Role("consumer", 7, Kind.BACKGROUND), new Role("gateway", 2, Kind.API),
            new Role("adapter", 5, Kind.API), new Role("sync", 4, Kind.BACKGROUND),
            new Role("reporter", 3, Kind.BACKGROUND), new Role("processor", 5, Kind.BACKGROUND),
            new Role("exporter", 3, Kind.BACKGROUND), new Role("importer", 3, Kind.BACKGROUND),
            new Role("indexer", 2, Kind.BACKGROUND), new Role("publisher", 3, Kind.BACKGROUND),
            new Role("listener", 2, Kind.BACKGROUND), new Role("store", 2, Kind.API), new Role("engine", 2, Kind.API));

    static final List<String> COMMON_SUBJECTS = List.of("events", "search", "audit", "cache", "notifications",
            "history", "admin", "config", "metrics", "files", "status", "migration");

    static final List<Department> DEPARTMENTS = List.of(
            new Department("payments", 0.17,
                    List.of("payments", "ledger", "refunds", "fraud", "billing", "invoicing", "settlement", "wallet",
                            "card-vault", "payouts", "chargebacks", "reconciliation", "tax", "subscriptions",
                            "currency", "disputes", "risk", "acquiring", "treasury", "payment-methods", "kyc",
                            "merchant-accounts", "instalments", "dunning"),
                    List.of("scoring", "rules", "statements", "accounts", "transactions", "limits", "fees", "reports",
                            "webhooks", "batches", "rates", "journal", "tokens", "cases", "balances", "schedules",
                            "exports", "mandates"),
                    List.of()),
            new Department("commerce", 0.20,
                    List.of("checkout", "basket", "catalog", "pricing", "promotions", "search", "recommendations",
                            "inventory", "orders", "reviews", "wishlist", "merchandising", "vouchers", "loyalty",
                            "product", "storefront", "marketplace", "gift-cards", "bundles", "offers", "sellers",
                            "assortment", "product-content"),
                    List.of("items", "rules", "campaigns", "rankings", "listings", "availability", "carts", "quotes",
                            "feeds", "images", "attributes", "coupons", "ratings", "facets", "sessions", "snapshots",
                            "reservations", "variants"),
                    List.of()),
            new Department("customer", 0.16,
                    List.of("accounts", "profiles", "onboarding", "support", "preferences", "consent",
                            "identity-verification", "crm", "helpdesk", "chat", "feedback", "surveys", "referrals",
                            "segmentation", "newsletters", "contact-center", "membership", "addresses", "privacy",
                            "engagement", "campaigns", "customer-care"),
                    List.of("tickets", "conversations", "emails", "sms", "push", "segments", "journeys", "consents",
                            "contacts", "templates", "audiences", "scores", "exports", "agents", "macros", "requests",
                            "sessions"),
                    List.of()),
            new Department("logistics", 0.15,
                    List.of("shipping", "fulfilment", "warehouse", "delivery", "tracking", "returns", "carriers",
                            "routing", "labels", "dispatch", "stock", "slotting", "picking", "packing", "fleet",
                            "customs", "parcels", "depots", "couriers", "pickup-points", "freight", "capacity"),
                    List.of("routes", "slots", "shipments", "manifests", "scans", "zones", "rates", "drivers",
                            "vehicles", "forecasts", "waves", "bins", "orders", "etas", "claims", "documents",
                            "handovers"),
                    List.of()),
            new Department(PLATFORM, 0.17,
                    List.of("observability", "deploy", "build", "secrets", "service-mesh", "dns", "storage", "cache",
                            "jobs", "registry", "certificates", "logging", "metrics", "tracing", "ci", "artifacts",
                            "cluster", "backups", "queues", "rate-limits", "developer-portal", "access"),
                    List.of("agents", "policies", "tokens", "keys", "sessions", "rules", "quotas", "snapshots", "hooks",
                            "templates", "nodes", "pipelines", "alerts", "dashboards", "tenants", "releases"),
                    List.of(new Role("operator", 3, Kind.BACKGROUND), new Role("controller", 3, Kind.BACKGROUND),
                            new Role("agent", 2, Kind.BACKGROUND))),
            new Department("data", 0.15,
                    List.of("analytics", "lakehouse", "reporting", "ml-platform", "forecasting", "experiments",
                            "clickstream", "etl", "feature-store", "data-quality", "lineage", "bi", "attribution",
                            "personalisation", "insights", "metrics-store", "data-catalog", "streaming", "ingestion",
                            "models", "dashboards", "customer-360"),
                    List.of("pipelines", "models", "features", "datasets", "snapshots", "schemas", "predictions",
                            "aggregates", "queries", "audits", "cohorts", "partitions", "backfills", "signals"),
                    List.of(new Role("job", 6, Kind.BACKGROUND), new Role("pipeline", 5, Kind.BACKGROUND),
                            new Role("loader", 3, Kind.BACKGROUND), new Role("trainer", 2, Kind.BACKGROUND))));

    static final List<String> TEAM_NOUNS = List.of("core", "platform", "experience", "insights", "automation",
            "integrations", "reliability", "growth", "operations", "tooling", "foundations", "services", "analytics",
            "enablement", "engineering", "optimisation", "partners", "apps", "infrastructure", "quality");

    static final List<String> SQUAD_DESCRIPTIONS = List.of("Owns %s for %s, from public APIs to nightly jobs.",
            "Builds and runs the %s services that the rest of %s relies on.",
            "Keeps %s correct, fast and observable for %s.",
            "Looks after %s in %s: roadmap, on-call and day-to-day operations.", "Product squad for %s within %s.");

    static final List<String> FIRST_NAMES = List.of("james", "mary", "john", "patricia", "robert", "jennifer",
            "michael", "linda", "william", "elizabeth", "david", "barbara", "richard", "susan", "joseph", "jessica",
            "thomas", "sarah", "charles", "karen", "christopher", "nancy", "daniel", "lisa", "matthew", "betty",
            "anthony", "margaret", "mark", "sandra", "donald", "ashley", "steven", "kimberly", "paul", "emily",
            "andrew", "donna", "joshua", "michelle", "kenneth", "carol", "kevin", "amanda", "brian", "melissa",
            "george", "deborah", "timothy", "stephanie", "ronald", "rebecca", "jason", "laura", "edward", "helen",
            "jeffrey", "sharon", "ryan", "cynthia", "jacob", "kathleen", "gary", "amy", "nicholas", "angela", "eric",
            "anna", "jonathan", "ruth", "stephen", "brenda", "justin", "nicole", "scott", "katherine", "brandon",
            "samantha", "benjamin", "christine", "samuel", "emma", "gregory", "catherine", "alexander", "frank",
            "virginia", "patrick", "rachel", "raymond", "jack", "janet", "maria", "tyler", "diane", "aaron", "julie",
            "adam", "victoria", "nathan", "kelly", "henry", "christina", "zachary", "lauren", "peter", "olivia", "noah",
            "megan", "ethan", "andrea", "hannah", "keith", "martha", "sean", "grace", "dylan", "alice", "jordan",
            "madison", "gabriel", "sophia", "lucas", "isabella", "charlotte", "priya", "arjun", "wei", "mei", "hiroshi",
            "yuki", "ahmed", "fatima", "omar", "leila", "carlos", "sofia", "mateo", "lucia", "lars", "ingrid", "sven",
            "astrid", "pierre", "camille", "luca", "giulia", "marek", "katarzyna", "olumide", "amara", "kwame", "ama",
            "rahul", "ananya", "chen", "ling", "tomasz", "anja", "jonas", "lena", "felix", "mia", "emil", "freya",
            "hugo", "elena", "diego", "valentina", "nikolai", "irina", "sanjay", "deepa", "kenji", "sakura", "mohammed",
            "aisha", "tariq", "zara", "joao", "beatriz", "andre", "ines", "dmitri", "olga", "hamza", "yasmin", "niamh",
            "ciaran", "siobhan", "aoife", "bjorn", "maja", "pablo", "carmen", "nadia", "youssef", "chloe", "leon",
            "noor", "ravi", "meera", "tobias", "elif", "emre");

    static final List<String> LAST_NAMES = List.of("smith", "johnson", "williams", "brown", "jones", "garcia", "miller",
            "davis", "rodriguez", "martinez", "hernandez", "lopez", "gonzalez", "wilson", "anderson", "thomas",
            "taylor", "moore", "jackson", "martin", "lee", "perez", "thompson", "white", "harris", "sanchez", "clark",
            "ramirez", "lewis", "robinson", "walker", "young", "allen", "king", "wright", "scott", "torres", "nguyen",
            "hill", "flores", "green", "adams", "nelson", "baker", "hall", "rivera", "campbell", "mitchell", "carter",
            "roberts", "gomez", "phillips", "evans", "turner", "diaz", "parker", "cruz", "edwards", "collins", "reyes",
            "stewart", "morris", "morales", "murphy", "cook", "rogers", "gutierrez", "ortiz", "morgan", "cooper",
            "peterson", "bailey", "reed", "kelly", "howard", "ramos", "kim", "cox", "ward", "richardson", "watson",
            "brooks", "chavez", "wood", "bennett", "gray", "mendoza", "ruiz", "hughes", "price", "alvarez", "castillo",
            "sanders", "patel", "myers", "long", "ross", "foster", "jimenez", "powell", "jenkins", "perry", "russell",
            "sullivan", "bell", "coleman", "butler", "henderson", "barnes", "fisher", "vasquez", "simmons", "romero",
            "patterson", "hamilton", "graham", "reynolds", "griffin", "wallace", "moreno", "west", "cole", "hayes",
            "bryant", "herrera", "gibson", "ellis", "tran", "medina", "aguilar", "stevens", "murray", "ford", "castro",
            "marshall", "owens", "harrison", "fernandez", "mcdonald", "woods", "kennedy", "wells", "vargas", "chen",
            "freeman", "webb", "tucker", "guzman", "burns", "crawford", "olson", "simpson", "porter", "hunter",
            "gordon", "mendez", "silva", "shaw", "snyder", "mason", "dixon", "hunt", "hicks", "holmes", "palmer",
            "wagner", "black", "robertson", "boyd", "stone", "salazar", "fox", "warren", "mills", "meyer", "rice",
            "schmidt", "garza", "daniels", "ferguson", "nichols", "stephens", "soto", "weaver", "ryan", "gardner",
            "payne", "grant", "dunn", "spencer", "hawkins", "arnold", "pierce", "hansen", "peters", "santos", "hart",
            "bradley", "knight", "elliott", "cunningham", "duncan", "armstrong", "hudson", "carroll", "lane", "riley",
            "andrews", "berry", "perkins", "hoffman", "johnston", "matthews", "richards", "willis", "carpenter",
            "lawrence", "kowalski", "nowak", "muller", "schneider", "fischer", "weber", "becker", "schulz", "novak",
            "horvat", "jensen", "nielsen", "larsen", "andersen", "johansson", "karlsson", "nilsson", "eriksson",
            "virtanen", "korhonen", "dubois", "laurent", "lefebvre", "moreau", "rossi", "russo", "ferrari", "esposito",
            "bianchi", "romano", "costa", "ferreira", "oliveira", "pereira", "almeida", "sato", "suzuki", "takahashi",
            "tanaka", "watanabe", "yamamoto", "wang", "li", "zhang", "liu", "yang", "huang", "zhao", "wu", "zhou",
            "singh", "kumar", "sharma", "gupta", "mehta", "shah", "reddy", "iyer", "khan", "ali", "hussain", "rahman",
            "okafor", "adeyemi", "mensah", "owusu", "abubakar", "ivanov", "petrov", "smirnov", "popescu", "nagy",
            "horvath", "kovacs", "papadopoulos", "yilmaz", "kaya", "demir", "cohen", "levi", "byrne", "walsh", "doyle",
            "lynch", "gallagher", "fraser", "maclean", "sinclair", "lindqvist", "bergstrom", "dekker", "smit", "jansen",
            "bakker", "visser", "janssens", "peeters");

    private DemoVocabulary() {
    }

}
