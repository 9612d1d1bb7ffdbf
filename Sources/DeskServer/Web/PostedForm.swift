import DeskCore
import DeskStore
import Hummingbird
import Logging

/// A posted HTML form: url-encoded, or `multipart/form-data` with the files chosen in it (see ``MultipartForm``). The
/// support pages' request and reply forms and the console's reply form post files this way.
struct PostedForm {
    var fields: FormData
    var files: [MultipartForm.File]

    subscript(_ name: String) -> String? { fields[name] }

    /// Reads a posted form: a url-encoded one up to `textLimit` bytes, a multipart one (files included) up to
    /// `formLimit`; past either, ``DeskError/bodyTooLarge(limit:)``.
    static func read(_ request: Request, textLimit: Int, formLimit: Int) async throws -> PostedForm {
        let boundary = MultipartForm.boundary(contentType: request.headers[.contentType] ?? "")
        let body = try await request.limitedBody(upTo: boundary == nil ? textLimit : formLimit)
        guard let boundary else { return PostedForm(fields: FormData(String(buffer: body)), files: []) }
        let form = try MultipartForm(bytes: Array(body.readableBytesView), boundary: boundary)
        return PostedForm(fields: form.fields, files: form.files)
    }

    /// Refuses more than `maxFiles` files, or one over the attachment limit, before anything is counted or kept.
    func checkFiles(maxFiles: Int, limits: Limits) throws(DeskError) {
        guard files.count <= maxFiles else { throw DeskError.invalidField("files", reason: .tooMany) }
        guard files.allSatisfy({ $0.bytes.count <= limits.attachmentBytes }) else { throw DeskError.bodyTooLarge(limit: limits.attachmentBytes) }
    }

    /// Stores the files through the API's upload door (type sniffed, text files' secrets removed) and returns their ids
    /// for the message. Nothing is stored when there are too many or one is too large.
    func keepFiles(
        maxFiles: Int, language: Language, uploadedBy actor: Actor, dependencies: Dependencies, logger: Logger
    ) async throws -> [AttachmentID] {
        try checkFiles(maxFiles: maxFiles, limits: dependencies.limits)
        var ids: [AttachmentID] = []
        for file in files {
            let saved = try await AttachmentsController.keep(
                file.bytes, filename: file.filename, language: language, uploadedBy: actor, dependencies: dependencies, logger: logger
            )
            ids.append(saved.id)
        }
        return ids
    }
}
