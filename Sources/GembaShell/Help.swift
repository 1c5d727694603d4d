/// The short help texts shown by `.help`: the dot commands, the operators and the functions, in one
/// place so they stay consistent.
enum Help {
    /// One help entry: what to type and what it does.
    struct Entry {
        /// The topic's name as typed after `.help` (`load`, `where`, `round`).
        var name: String
        /// The syntax, e.g. `.load FILE [as NAME] [--types col:type,...]`.
        var usage: String
        /// One line saying what it does.
        var summary: String
        /// More lines for `.help NAME` (may be empty).
        var details: String = ""
    }

    /// The dot commands, in the order `.help` lists them.
    static let commands: [Entry] = [
        Entry(name: "help", usage: ".help [TOPIC]", summary: "list commands, operators and functions; .help TOPIC explains one",
              details: "Topics: a dot command (.help load), an operator (.help where), a function (.help round),\n`operators` or `functions`."),
        Entry(name: "tables", usage: ".tables", summary: "tables and views with their row and column counts"),
        Entry(name: "schema", usage: ".schema [NAME]", summary: "the columns and types of a table or view, or of all of them"),
        Entry(name: "load", usage: ".load FILE [as NAME] [--types col:type,...]", summary: "read a CSV, TSV, JSON lines or JSON file into a table",
              details: "The table is named after the file (items.csv -> items) unless `as NAME` is given. Column\ntypes are inferred; --types sets some, e.g. --types id:string,due:date. The file stays\nuntouched, and a load that fails changes nothing."),
        Entry(name: "export", usage: ".export FILE", summary: "write the last result to FILE (format from the extension: .csv .tsv .json .jsonl .md; .svg after a render)"),
        Entry(name: "mode", usage: ".mode [FORMAT]", summary: "how results print: table, csv, tsv, json, jsonl or markdown"),
        Entry(name: "output", usage: ".output [FILE]", summary: "send results to FILE; without FILE, back to the screen"),
        Entry(name: "once", usage: ".once FILE", summary: "send the next result to FILE"),
        Entry(name: "read", usage: ".read SCRIPT", summary: "run the statements and commands in SCRIPT; it stops at its first error"),
        Entry(name: "open", usage: ".open DATABASE", summary: "open (or create) a workspace: its tables and views replace the session's, and changes are kept in it"),
        Entry(name: "save", usage: ".save [DATABASE]", summary: "write every table and view to DATABASE (a copy), or rewrite the open workspace"),
        Entry(name: "drop", usage: ".drop NAME", summary: "remove a table, view or scalar"),
        Entry(name: "timer", usage: ".timer on|off", summary: "print the time each statement took"),
        Entry(name: "quit", usage: ".quit", summary: "leave the shell"),
        Entry(name: "exit", usage: ".exit [CODE]", summary: "leave the shell with exit status CODE (default 0)"),
    ]

    /// The query operators.
    static let operators: [Entry] = [
        Entry(name: "where", usage: "| where PRED", summary: "keep the rows where PRED is true (null counts as false)",
              details: "Example: items | where status == \"done\" and finished >= @2026-01-01"),
        Entry(name: "extend", usage: "| extend NAME = EXPR, ...", summary: "add columns, or replace a column of the same name",
              details: "Example: items | extend days = finished - started"),
        Entry(name: "project", usage: "| project NAME [= EXPR], ...", summary: "exactly these columns, in this order",
              details: "Example: items | project id, title, age = today() - created"),
        Entry(name: "project-away", usage: "| project-away NAME, ...", summary: "drop columns"),
        Entry(name: "rename", usage: "| rename NEW = OLD, ...", summary: "rename columns"),
        Entry(name: "summarize", usage: "| summarize [NAME =] AGG, ... [by [NAME =] EXPR, ...]", summary: "one row per group (exactly one row without by)",
              details: "Example: items | summarize n = count(), p85 = percentile(cycletime, 85) by team"),
        Entry(name: "sort", usage: "| sort by EXPR [asc|desc] [nulls first|last], ...", summary: "order rows, stable; ascending by default (also `order by`)"),
        Entry(name: "order", usage: "| order by EXPR [asc|desc] [nulls first|last], ...", summary: "the same as sort"),
        Entry(name: "take", usage: "| take N", summary: "the first N rows (also `limit`)"),
        Entry(name: "limit", usage: "| limit N", summary: "the same as take"),
        Entry(name: "top", usage: "| top N by EXPR [asc|desc]", summary: "sort then take; descending by default"),
        Entry(name: "distinct", usage: "| distinct NAME, ...", summary: "the unique combinations of these columns"),
        Entry(name: "count", usage: "| count", summary: "one row with one column, count"),
        Entry(name: "join", usage: "| join [kind=inner|left|right|full|semi|anti] (QUERY) on KEY, ...", summary: "combine rows with another query's",
              details: "KEY is a column both sides share, or left.a == right.b. The default kind is inner; the\nright side's clashing names get the suffix 1."),
        Entry(name: "union", usage: "| union QUERY, ...", summary: "rows of all, matched by column name; missing columns are null"),
        Entry(name: "series", usage: "| series AGG, ... on TIME [from A] [to B] step DURATION [by KEY, ...]", summary: "one row per time bucket and key, empty buckets included"),
        Entry(name: "render", usage: "| render KIND [with (title=\"...\", x=COL, y=COL, series=COL, width=N, height=N, log=true, stacked=true, bins=N, percentiles=(50, 85, 95))]",
              summary: "draw the result as a chart: bar, column, line, timechart, area, scatter, histogram or xmr",
              details: "In the terminal with blocks and braille; `| export \"x.svg\"` after it (or .export x.svg) writes SVG.\nBy default x is the first column, y the numeric columns after it, and a string column\nbetween them splits the series. See docs/charts.md. Example:\ntransitions | cfd stages (\"todo\", \"doing\", \"done\") step 7d | render area"),
        Entry(name: "export", usage: "| export \"PATH\" / | export table NAME", summary: "write the result to PATH (.csv .tsv .json .jsonl .md; .svg after render), or keep it as table NAME (stored in the open workspace)"),
        Entry(name: "flow", usage: "| flow start=\"STAGE\" finish=\"STAGE\" [entry=first|last] [stages (\"A\", ...)] [by ITEM] [at TIME] [state STATE] [calendar=days|workdays] [holidays=TABLE] [count=inclusive|elapsed] [today=DATE] [active (\"A\", ...)]",
              summary: "one row per item from a transitions table: created, started, finished, cycletime, leadtime, age, reopened, stages",
              details: "With stages (...) a date column per stage; with active (...) active, waiting and efficiency.\nSee docs/flow.md. Example: transitions | flow start=\"dev\" finish=\"done\" by item_id state to_state"),
        Entry(name: "wip", usage: "| wip on START, END step DURATION [from A] [to B] [by KEY, ...]", summary: "per bucket, the rows with START <= bucket start < END (END null: open); column wip"),
        Entry(name: "cfd", usage: "| cfd stages (\"A\", \"B\", ...) step DURATION [from A] [to B] [by KEY, ...] [item COL] [at COL] [state COL]",
              summary: "cumulative flow: per bucket and stage, items at that stage or later, arrivals, departures, net"),
        Entry(name: "throughput", usage: "| throughput on TIME step DURATION [from A] [to B] [by KEY, ...]", summary: "items finished per bucket, zero-filled; step 7d buckets are ISO weeks"),
        Entry(name: "aging", usage: "| aging [sle=P]", summary: "after flow: the started, unfinished items with pace (percentile of age among cycle times) and sle"),
        Entry(name: "forecast", usage: "| forecast when N | forecast howmany by DATE [on TIME] [from A] [to B] [start=DATE] [trials T] [seed S] [split (LOW, HIGH)] [per KEY, ...]",
              summary: "Monte Carlo forecast from calendar-day throughput: per percentile 50, 70, 85, 95, the date (when) or the items (howmany)",
              details: "History: the finishes (column finished, or on TIME) per day of from A to B, by default the 90 days\nto the latest finish; the forecast starts the day after. 10,000 trials, seed 1 unless given.\nSee docs/flow.md. Example: items | where team == \"Web\" | forecast when 20"),
        Entry(name: "funnel", usage: "| funnel stages (\"A\", \"B\", ...) [strict] [count=inclusive|elapsed] [by KEY, ...] [item COL] [at COL] [state COL]",
              summary: "per stage: reached, next_step and cumulative conversion, median_days to the next stage, win_rate",
              details: "Any order by default (an item reached each stage it entered); strict: only stages entered in order.\nSee docs/flow.md. Example: deal_transitions | funnel stages (\"lead\", \"qualified\", \"proposal\", \"won\")"),
        Entry(name: "xmr", usage: "| xmr on VALUE [by KEY, ...] [baseline=N]",
              summary: "process behaviour chart over the rows in order: adds mr, mean, mr_mean, unpl, lnpl, url, signal",
              details: "Signals: above/below the natural process limits, run above/below (8 or more on one side of the\nmean), range (a moving range above url). See docs/flow.md."),
        Entry(name: "utilization", usage: "| utilization [people=TABLE] [capacity=EXPR] [hours=EXPR] [holidays=TABLE] [timeoff=TABLE] [on DAY] [step DURATION] [from A] [to B] [by KEY, ...]",
              summary: "allocated hours against effective capacity per key and period: capacity, allocated, utilization, overallocated, billable shares",
              details: "Capacity is a fifth of the weekly hours on each working day with the firm, less holidays and time off;\nutilization is a ratio of sums (null: no capacity); over-allocation is summed per person-day.\nSee docs/flow.md. Example: allocations | utilization people=people holidays=holidays timeoff=timeoff step 7d by team"),
        Entry(name: "attribute", usage: "| attribute VALUE over (ALLOCATIONS) [on ITEM] [hours=EXPR] by KEY, ...",
              summary: "share each item's value among KEY by allocated hours; items without hours under a null key",
              details: "Example: items | attribute value over (allocations | join (people) on person) by employment"),
        Entry(name: "littles", usage: "| littles [on START, FINISH] [from A] [to B] [by KEY, ...]",
              summary: "Little's law over a window: avg_wip next to throughput_per_day x avg_cycletime",
              details: "Example: items | littles from @2025-01-01 to @2025-12-31 (after flow, or on started/finished dates)"),
        Entry(name: "share", usage: "| share on [NAME =] VALUE, ... [by KEY, ...] [digits=N]",
              summary: "each row's share of its group's total in percent (VALUE_pct); digits=N rounds to a total of exactly 100",
              details: "Example: allocations | summarize hours = sum(hours) by person | share on hours digits=1"),
        Entry(name: "let", usage: "let NAME = QUERY | let NAME = EXPR", summary: "name a query (a view) or a scalar constant"),
        Entry(name: "range", usage: "range(FROM, TO, STEP)", summary: "a source: one column, value"),
        Entry(name: "datatable", usage: "datatable(a:int, b:string) [1, \"x\", 2, \"y\"]", summary: "a source: a table written inline"),
    ]

    /// The scalar and aggregate functions.
    static let functions: [Entry] = [
        Entry(name: "abs", usage: "abs(x)", summary: "absolute value"),
        Entry(name: "round", usage: "round(x[, digits])", summary: "round half away from zero to digits decimals (default 0)"),
        Entry(name: "floor", usage: "floor(x)", summary: "the largest integer not above x"),
        Entry(name: "ceil", usage: "ceil(x)", summary: "the smallest integer not below x"),
        Entry(name: "sqrt", usage: "sqrt(x)", summary: "square root"),
        Entry(name: "pow", usage: "pow(x, y)", summary: "x to the power y"),
        Entry(name: "log", usage: "log(x)", summary: "natural logarithm"),
        Entry(name: "exp", usage: "exp(x)", summary: "e to the power x"),
        Entry(name: "iff", usage: "iff(cond, a, b)", summary: "a when cond is true, else b"),
        Entry(name: "case", usage: "case(c1, v1, c2, v2, ..., else)", summary: "the value of the first true condition"),
        Entry(name: "coalesce", usage: "coalesce(a, b, ...)", summary: "the first argument that is not null"),
        Entry(name: "isnull", usage: "isnull(x)", summary: "true when x is null"),
        Entry(name: "isnotnull", usage: "isnotnull(x)", summary: "true when x is not null"),
        Entry(name: "tostring", usage: "tostring(x)", summary: "x as text"),
        Entry(name: "toint", usage: "toint(x)", summary: "x as an int, null when it is not one"),
        Entry(name: "tofloat", usage: "tofloat(x)", summary: "x as a float, null when it is not one"),
        Entry(name: "todate", usage: "todate(x)", summary: "x as a date"),
        Entry(name: "todatetime", usage: "todatetime(x)", summary: "x as a datetime"),
        Entry(name: "toduration", usage: "toduration(x)", summary: "x as a duration"),
        Entry(name: "strlen", usage: "strlen(s)", summary: "the number of characters in s"),
        Entry(name: "tolower", usage: "tolower(s)", summary: "s in lower case"),
        Entry(name: "toupper", usage: "toupper(s)", summary: "s in upper case"),
        Entry(name: "trim", usage: "trim(s)", summary: "s without leading and trailing white space"),
        Entry(name: "substring", usage: "substring(s, start[, len])", summary: "part of s, from 0-based start"),
        Entry(name: "strcat", usage: "strcat(a, b, ...)", summary: "the arguments joined as text"),
        Entry(name: "split", usage: "split(s, sep)[i]", summary: "the i-th part of s split at sep"),
        Entry(name: "replace", usage: "replace(s, a, b)", summary: "s with every a replaced by b"),
        Entry(name: "now", usage: "now()", summary: "the current datetime (fixed for one statement)"),
        Entry(name: "today", usage: "today()", summary: "the current date (fixed for one statement)"),
        Entry(name: "bin", usage: "bin(x, size)", summary: "x rounded down to a multiple of size (numbers, durations, datetimes)"),
        Entry(name: "startofday", usage: "startofday(d)", summary: "the start of d's day"),
        Entry(name: "startofweek", usage: "startofweek(d)", summary: "the Monday of d's ISO week"),
        Entry(name: "startofmonth", usage: "startofmonth(d)", summary: "the first day of d's month"),
        Entry(name: "startofquarter", usage: "startofquarter(d)", summary: "the first day of d's quarter"),
        Entry(name: "startofyear", usage: "startofyear(d)", summary: "the first day of d's year"),
        Entry(name: "dayofweek", usage: "dayofweek(d)", summary: "1 for Monday .. 7 for Sunday"),
        Entry(name: "year", usage: "year(d)", summary: "the year of a date or datetime"),
        Entry(name: "month", usage: "month(d)", summary: "the month, 1 to 12"),
        Entry(name: "day", usage: "day(d)", summary: "the day of the month"),
        Entry(name: "week", usage: "week(d)", summary: "the ISO week number"),
        Entry(name: "hour", usage: "hour(t)", summary: "the hour of a datetime, 0 to 23"),
        Entry(name: "days", usage: "days(duration)", summary: "a duration in days (float)"),
        Entry(name: "hours", usage: "hours(duration)", summary: "a duration in hours (float)"),
        Entry(name: "workdays", usage: "workdays(a, b[, HOLIDAYS])", summary: "Monday-Friday days d with a <= d < b, leaving out HOLIDAYS' dates"),
        Entry(name: "count", usage: "count()", summary: "aggregate: the number of rows"),
        Entry(name: "countif", usage: "countif(pred)", summary: "aggregate: the rows where pred is true"),
        Entry(name: "sum", usage: "sum(x)", summary: "aggregate: the sum (null over no values)"),
        Entry(name: "avg", usage: "avg(x)", summary: "aggregate: the mean"),
        Entry(name: "min", usage: "min(x)", summary: "aggregate: the smallest value"),
        Entry(name: "max", usage: "max(x)", summary: "aggregate: the largest value"),
        Entry(name: "dcount", usage: "dcount(x)", summary: "aggregate: the exact number of distinct values"),
        Entry(name: "stdev", usage: "stdev(x)", summary: "aggregate: the sample standard deviation"),
        Entry(name: "variance", usage: "variance(x)", summary: "aggregate: the sample variance"),
        Entry(name: "median", usage: "median(x)", summary: "aggregate: the median (mean of the middle two when even)"),
        Entry(name: "percentile", usage: "percentile(x, p)", summary: "aggregate: nearest-rank percentile"),
        Entry(name: "percentiles", usage: "percentiles(x, p1, p2, ...)", summary: "aggregate: several nearest-rank percentiles"),
        Entry(name: "percentile_linear", usage: "percentile_linear(x, p)", summary: "aggregate: interpolated percentile (as numpy)"),
        Entry(name: "sle", usage: "sle(cycletime, p)", summary: "aggregate: service level expectation, the nearest-rank p-th percentile"),
        Entry(name: "arg_max", usage: "arg_max(by, x)", summary: "aggregate: x of the row with the largest by"),
        Entry(name: "arg_min", usage: "arg_min(by, x)", summary: "aggregate: x of the row with the smallest by"),
        Entry(name: "first", usage: "first(x)", summary: "aggregate: the first value"),
        Entry(name: "last", usage: "last(x)", summary: "aggregate: the last value"),
        Entry(name: "make_list", usage: "make_list(x)", summary: "aggregate: the values as a list"),
    ]

    /// The text of `.help` with no topic.
    static var overview: String {
        var out = "Commands:\n"
        let width = commands.map(\.usage.count).max() ?? 0
        for c in commands {
            out += "  " + c.usage.padding(to: width) + "  " + c.summary + "\n"
        }
        out += "\nOperators:\n" + wrapped(operators.map(\.name))
        out += "\nFunctions:\n" + wrapped(functions.map(\.name))
        out += "\nStatements end at `;` or the end of a line; a line ending with `|` or `,` continues.\n"
        out += "Type .help TOPIC for one command, operator or function, e.g. .help where\n"
        return out
    }

    /// The text of `.help TOPIC`; nil when there is no such topic.
    static func topic(_ name: String) -> String? {
        let key = name.hasPrefix(".") ? String(name.dropFirst()) : name
        switch key.lowercased() {
        case "operators": return list(operators)
        case "functions": return list(functions)
        case "commands": return list(commands)
        default: break
        }
        var found: [Entry] = []
        if name.hasPrefix(".") {
            found = commands.filter { $0.name == key }
        } else {
            found = operators.filter { $0.name == key } + functions.filter { $0.name == key } + commands.filter { $0.name == key }
        }
        guard !found.isEmpty else { return nil }
        return found.map { e in
            e.usage + "\n  " + e.summary + (e.details.isEmpty ? "" : "\n" + e.details.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        }.joined(separator: "\n\n") + "\n"
    }

    /// Every topic name, for "did you mean".
    static var topicNames: [String] {
        ["operators", "functions", "commands"] + (commands + operators + functions).map(\.name)
    }

    private static func list(_ entries: [Entry]) -> String {
        let width = entries.map(\.usage.count).max() ?? 0
        return entries.map { "  " + $0.usage.padding(to: min(width, 40)) + "  " + $0.summary + "\n" }.joined()
    }

    private static func wrapped(_ names: [String], width: Int = 78) -> String {
        var out = "", line = " "
        for n in names {
            if line.count + n.count + 1 > width { out += line + "\n"; line = " " }
            line += " " + n
        }
        return out + line + "\n"
    }
}

extension String {
    /// The string padded with spaces to at least `width` characters.
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
