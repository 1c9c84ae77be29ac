import Foundation

/// Files a topology names, resolved and read the one way both `validate` and the compiler use,
/// so a file that validates is the file that runs.
///
/// Rules (see `FileAccess`): a name is relative to the topology's folder; after `..` and
/// symbolic links it must be a regular file inside that folder or an allowed root, at most
/// `maximumSize` bytes, UTF-8 text. Messages name the file as written and a line number, never
/// what the file holds: the file may be something that is not a topology (a trace pointing at
/// `/etc/shadow` used to print its first line).
package struct DataFiles: Sendable {
    /// Larger files are refused: a trace of 10^6 requests is about 10 MB.
    package static let maximumSize = 64 * 1_048_576

    /// Which file names and what it holds, for messages: "trace file", "samples file".
    package enum Role: String, Sendable {
        case trace = "trace file"
        case samples = "samples file"
    }

    package struct Problem: Error, Sendable, Equatable {
        package var message: String
    }

    /// The folder names are relative to, as given.
    package var directory: String
    package var access: FileAccess

    package init(directory: String, access: FileAccess = FileAccess()) {
        self.directory = directory.isEmpty ? "." : directory
        self.access = access
    }

    /// The folder of a topology file, "." for a bare name.
    package static func folder(of file: String) -> String {
        let folder = (file as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    // MARK: - Resolving

    /// The real path of `written`, or why it may not be read.
    package func resolve(_ written: String, as role: Role) -> Result<String, Problem> {
        let name = "\(role.rawValue) `\(Self.shown(written))`"
        guard !written.isEmpty else { return .failure(Problem(message: "the \(role.rawValue) name is empty")) }
        let outside = Problem(message:
            "\(name) is outside the topology's folder: a topology may only name files in its own folder or below (move the file there, or allow its folder with `--allow-path`)")
        let candidate = written.hasPrefix("/") ? written : directory + "/" + written
        let roots = allowedRoots()
        guard let real = Self.realPath(candidate) else {
            // Say "outside" before "missing", so nothing is learnt about other folders.
            let lexical = Self.absolute(candidate)
            let lexicalRoots = [Self.absolute(directory)] + access.allowedRoots.map(Self.absolute)
            guard Self.isInside(lexical, anyOf: lexicalRoots + roots) else { return .failure(outside) }
            return .failure(Problem(message: "\(name) does not exist (names are relative to the folder of the topology file)"))
        }
        guard Self.isInside(real, anyOf: roots) else {
            let lexical = Self.absolute(candidate)
            if Self.isInside(lexical, anyOf: [Self.absolute(directory)] + access.allowedRoots.map(Self.absolute)) {
                return .failure(Problem(message:
                    "\(name) is a symbolic link to a file outside the topology's folder (copy the file into the folder, or allow its folder with `--allow-path`)"))
            }
            return .failure(outside)
        }
        var info = stat()
        guard stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            return .failure(Problem(message: "\(name) is not a regular file (name a text file with one value per line)"))
        }
        guard info.st_size <= Self.maximumSize else {
            return .failure(Problem(message:
                "\(name) is \(info.st_size) bytes; data files are limited to \(Self.maximumSize / 1_048_576) MiB (shorten it, or sample it down)"))
        }
        return .success(real)
    }

    /// Real paths of the topology's folder and the allowed roots (those that exist).
    private func allowedRoots() -> [String] {
        ([directory] + access.allowedRoots).compactMap(Self.realPath)
    }

    // MARK: - Reading

    /// Arrival times in seconds from the start, one per line, never decreasing; blank lines
    /// and lines starting with `#` are skipped. The format `process: trace` replays.
    package func readTrace(_ written: String) -> Result<[Double], Problem> {
        readLines(written, as: .trace) { text, line in
            guard let time = Double(text), time.isFinite, time >= 0 else {
                return .failure("is not a time in seconds (write one non-negative number of seconds per line)")
            }
            return .success(time)
        }.flatMap { times in
            if let index = times.indices.dropFirst().first(where: { times[$0].value < times[$0 - 1].value }) {
                return .failure(Problem(message:
                    "line \(times[index].line) of \(Self.describe(written, .trace)) goes back in time: timestamps must not decrease (sort the file)"))
            }
            return .success(times.map(\.value))
        }
    }

    /// Samples of an empirical distribution, one per line: a quantity in `dimension`'s units
    /// (`250ms`) or a plain number in base units (seconds, bytes, megapixels).
    package func readSamples(_ written: String, dimension: Dimension) -> Result<[Double], Problem> {
        readLines(written, as: .samples) { text, _ in
            if let number = Double(text), number.isFinite, number >= 0 { return .success(number) }
            if case .success(let quantity) = UnitParser.parse(text, as: dimension), quantity.value.isFinite, quantity.value >= 0 {
                return .success(quantity.value)
            }
            return .failure(LineProblem(text:
                "is not a non-negative \(dimension.noun) (write a number in base units or a quantity like `\(dimension.examples.0)`, one per line)"))
        }.map { $0.map(\.value) }
    }

    private func readLines(
        _ written: String, as role: Role, _ value: (String, Int) -> Result<Double, LineProblem>
    ) -> Result<[(line: Int, value: Double)], Problem> {
        let path: String
        switch resolve(written, as: role) {
        case .success(let real): path = real
        case .failure(let problem): return .failure(problem)
        }
        let described = Self.describe(written, role)
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Problem(message: "can't read \(described)"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(Problem(message: "\(described) is not UTF-8 text (write one value per line)"))
        }
        var values: [(line: Int, value: Double)] = []
        var line = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            switch value(trimmed, line) {
            case .success(let number): values.append((line, number))
            case .failure(let problem): return .failure(Problem(message: "line \(line) of \(described) \(problem.text)"))
            }
        }
        guard !values.isEmpty else {
            return .failure(Problem(message: "\(described) holds no values (write one value per line; `#` starts a comment)"))
        }
        return .success(values)
    }

    private struct LineProblem: Error, ExpressibleByStringLiteral {
        var text: String
        init(text: String) { self.text = text }
        init(stringLiteral text: String) { self.text = text }
    }

    // MARK: - Paths

    private static func describe(_ written: String, _ role: Role) -> String {
        "\(role.rawValue) `\(shown(written))`"
    }

    /// A name as written, cut short: it comes from the topology, not from the file.
    private static func shown(_ name: String) -> String {
        name.unicodeScalars.count > 200 ? String(String.UnicodeScalarView(name.unicodeScalars.prefix(199))) + "…" : name
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `path` made absolute against the working directory, with `.` and `..` removed lexically.
    private static func absolute(_ path: String) -> String {
        let base = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in base.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    private static func isInside(_ path: String, anyOf roots: [String]) -> Bool {
        roots.contains { root in root == "/" || path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/") }
    }
}
