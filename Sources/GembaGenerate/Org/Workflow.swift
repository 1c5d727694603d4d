/// The stages items move through, in one order that every team's workflow follows (a team uses some of
/// them, in this order), so "this stage or a later one" means the same for every team.
enum Stage: Int, CaseIterable {
    case backlog, research, analysis, readyForDevelopment, development, design, readyForReview, review,
         readyForTest, test, done
    /// Not a stage in the order: an item given up on, from any stage. Nothing follows it.
    case abandoned

    /// The name in the data.
    var name: String {
        switch self {
        case .backlog: return "backlog"
        case .research: return "research"
        case .analysis: return "analysis"
        case .readyForDevelopment: return "ready for development"
        case .development: return "development"
        case .design: return "design"
        case .readyForReview: return "ready for review"
        case .review: return "review"
        case .readyForTest: return "ready for test"
        case .test: return "test"
        case .done: return "done"
        case .abandoned: return "abandoned"
        }
    }

    /// How time in a stage counts.
    enum Kind: String {
        /// Requested, not started (not committed to).
        case backlog
        /// Waiting between two active stages: started, but nobody works on it.
        case queue
        /// Someone works on it.
        case active
        /// Delivered.
        case done
    }

    var kind: Kind {
        switch self {
        case .backlog: return .backlog
        case .readyForDevelopment, .readyForReview, .readyForTest: return .queue
        case .done, .abandoned: return .done
        default: return .active
        }
    }
}

/// What people do; decides which stages they work in.
enum Role: Int {
    case manager, analyst, engineer, tester, designer, researcher, sales

    var name: String {
        switch self {
        case .manager: return "manager"
        case .analyst: return "analyst"
        case .engineer: return "engineer"
        case .tester: return "tester"
        case .designer: return "designer"
        case .researcher: return "researcher"
        case .sales: return "sales"
        }
    }

    /// The stages this role takes work from, most preferred first (a stage a team does not have is
    /// passed over). Engineers review before they develop ("stop starting, start finishing") and test
    /// when no tester is free; managers only help (see the team simulation).
    var stages: [Stage] {
        switch self {
        case .analyst: return [.analysis, .test]
        case .engineer: return [.review, .development, .test]
        case .tester: return [.test]
        case .designer: return [.review, .design, .research]
        case .researcher: return [.research]
        case .manager, .sales: return []
        }
    }

    /// Hourly rate of an employee in this role before individual differences, in EUR.
    var baseRate: Int {
        switch self {
        case .manager: return 95
        case .analyst: return 80
        case .engineer: return 85
        case .tester: return 70
        case .designer: return 80
        case .researcher: return 75
        case .sales: return 75
        }
    }
}

/// A kind of team: its workflow (stages in order with their WIP limits) and who is in it.
struct WorkflowTemplate {
    /// The stages, backlog first and done last.
    let stages: [Stage]
    /// The WIP limit of each stage (nil: none). Backlog and done never have one.
    let limits: [Int?]
    /// The team's people by role (the manager first).
    let roles: [Role]
    /// The team's main stage: where rework goes back to and whose worker is the item's assignee.
    let main: Stage

    /// Delivery teams with analysis, development, review and test, a queue before each of the last three.
    static let full = WorkflowTemplate(
        [(.backlog, nil), (.analysis, 2), (.readyForDevelopment, nil), (.development, 6), (.readyForReview, 3),
         (.review, 3), (.readyForTest, nil), (.test, 3), (.done, nil)],
        roles: [.manager, .analyst, .engineer, .engineer, .engineer, .engineer, .engineer, .tester, .tester],
        main: .development)
    /// Engineers only: development and review.
    static let platform = WorkflowTemplate(
        [(.backlog, nil), (.development, 7), (.readyForReview, nil), (.review, 2), (.done, nil)],
        roles: [.manager, .engineer, .engineer, .engineer, .engineer, .engineer, .engineer],
        main: .development)
    /// Analysis, development, review and test, queues before review (limited) and test.
    static let mobile = WorkflowTemplate(
        [(.backlog, nil), (.analysis, 2), (.development, 5), (.readyForReview, 3), (.review, 2),
         (.readyForTest, nil), (.test, 2), (.done, nil)],
        roles: [.manager, .analyst, .engineer, .engineer, .engineer, .engineer, .tester],
        main: .development)
    /// Analysis, development and review, no queues and no test.
    static let data = WorkflowTemplate(
        [(.backlog, nil), (.analysis, 3), (.development, 5), (.review, 2), (.done, nil)],
        roles: [.manager, .analyst, .analyst, .engineer, .engineer, .engineer, .engineer],
        main: .development)
    /// Research, design and review by designers.
    static let design = WorkflowTemplate(
        [(.backlog, nil), (.research, 2), (.design, 5), (.readyForReview, 3), (.review, 2), (.done, nil)],
        roles: [.manager, .researcher, .designer, .designer, .designer, .designer],
        main: .design)
    /// Analysis, development, review and test with no queues between them.
    static let web = WorkflowTemplate(
        [(.backlog, nil), (.analysis, 2), (.development, 6), (.review, 3), (.test, 3), (.done, nil)],
        roles: [.manager, .analyst, .engineer, .engineer, .engineer, .engineer, .engineer, .tester],
        main: .development)

    init(_ stages: [(Stage, Int?)], roles: [Role], main: Stage) {
        self.stages = stages.map(\.0)
        limits = stages.map(\.1)
        self.roles = roles
        self.main = main
    }

    /// `backlog > analysis > ...`, for teams.csv.
    var text: String { stages.map(\.name).joined(separator: " > ") }
}
