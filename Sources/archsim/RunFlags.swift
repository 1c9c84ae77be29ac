import ArgumentParser
import Foundation
import Topology

/// Numeric flags read by hand, so a bad value gets the allowed range in its message (with
/// ArgumentParser's own parsing, `--replications -1` said "missing value").
enum NumericFlag {
    static let replicationRange = "a whole number from 1 to 10000"
    static let jobsRange = "a whole number from 1 to 1024"
    static let seedRange = "a whole number from 0 to \(UInt64.max)"

    static func whole<Number: FixedWidthInteger>(_ text: String, _ flag: String, as: Number.Type, range: String) throws -> Number {
        guard let value = Number(text.trimmingCharacters(in: .whitespaces)) else {
            throw ValidationError("\(flag) must be \(range), not `\(text)`")
        }
        return value
    }

    /// A positive count, in plain or scientific notation (`5e9`).
    static func count(_ text: String, _ flag: String) throws -> Double {
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite, value >= 1 else {
            throw ValidationError("\(flag) must be a number of events of at least 1, e.g. 5e9, not `\(text)`")
        }
        return value
    }

    /// A positive size with its unit (`8GiB`).
    static func size(_ text: String, _ flag: String) throws -> Double {
        guard case .success(let quantity) = UnitParser.parse(text, as: .size), quantity.value.isFinite, quantity.value > 0 else {
            throw ValidationError("\(flag) must be a size with its unit more than 0B, e.g. 8GiB, not `\(text)`")
        }
        return quantity.value
    }
}

/// `run --out DIR`, checked before the run: a report that can't be written must not cost the
/// whole simulation first (it used to fail after it, with exit 1 and Foundation's wording).
enum OutputDirectory {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// Throws unless `path` is a directory this process can create files in, or can be created
    /// as one. Leaves nothing behind: a missing directory is not created here.
    static func checkWritable(_ path: String) throws(Problem) {
        guard !path.isEmpty else { throw Problem(description: "--out needs a directory name") }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        var existing = URL(fileURLWithPath: path).standardizedFileURL
        var missing: [String] = []
        // The nearest part of the path that exists: the directory itself, or the ancestor it
        // would be created in.
        while !manager.fileExists(atPath: existing.path, isDirectory: &isDirectory) {
            missing.append(existing.lastPathComponent)
            let parent = existing.deletingLastPathComponent()
            if parent.path == existing.path { break }
            existing = parent
        }
        guard isDirectory.boolValue else {
            let what = missing.isEmpty ? "it is an existing file, not a directory" : "\(existing.path) is a file, not a directory"
            throw Problem(description: "--out \(path): can't write the report there: \(what)")
        }
        // Create and remove a probe: permissions, read-only mounts and /proc all answer the
        // same way, and root passes permission bits that access(2) would not.
        let probe = existing.appendingPathComponent(".archsim-probe-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        guard mkdir(probe.path, 0o700) == 0 else {
            let reason = String(cString: strerror(errno))
            let place = missing.isEmpty ? "files in it" : "\(missing.reversed().joined(separator: "/")) in \(existing.path)"
            throw Problem(description: "--out \(path): can't write the report: can't create \(place): \(reason)")
        }
        rmdir(probe.path)
    }
}
