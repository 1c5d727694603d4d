import GembaCore
import GembaWorkspace

extension Shell {
    /// Opens (or creates) a workspace and makes it the session's: its tables and views replace the
    /// session's, and later changes are written through to it. On failure nothing changes.
    func openWorkspace(_ path: String) throws(ShellError) {
        do {
            let ws = try Workspace(path: path)
            let catalog = try ws.load()
            session.catalog = catalog
            session.persistence = ws
            workspace = ws
        } catch {
            throw ShellError(text: "error: \(error)")
        }
    }

    /// `.save [DATABASE]`: writes every table and view to DATABASE (a copy; the session stays where it
    /// is), or rewrites the open workspace when no file is named.
    func save(to path: String?) throws(ShellError) {
        do {
            if let path {
                try Workspace.saveCopy(session.catalog, to: path)
            } else if let workspace {
                try workspace.save(session.catalog)
            } else {
                throw ShellError(command: "save", "no workspace is open", notes: ["usage: .save DATABASE"])
            }
        } catch let e as ShellError {
            throw e
        } catch {
            throw ShellError(text: "error: \(error)")
        }
    }
}
