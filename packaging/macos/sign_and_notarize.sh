#!/usr/bin/env bash
# Sign, notarise and staple dist/Mostrador.app (written and reviewed; NOT run here: it needs a
# Mac, an Apple Developer ID certificate and an app-specific password). See packaging/README.md.
#
# Environment (GitHub secrets in .github/workflows/release.yml):
#   MACOS_CERTIFICATE           base64 of the "Developer ID Application" .p12
#   MACOS_CERTIFICATE_PASSWORD  its password
#   MACOS_SIGNING_IDENTITY      e.g. "Developer ID Application: Mostrador SA de CV (TEAMID1234)"
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD   for notarytool
set -euo pipefail
app="${1:?usage: sign_and_notarize.sh path/to/Mostrador.app}"
here="$(cd "$(dirname "$0")" && pwd)"

keychain="$RUNNER_TEMP/mostrador-signing.keychain-db"
keychain_password="$(uuidgen)"
echo "$MACOS_CERTIFICATE" | base64 --decode > "$RUNNER_TEMP/cert.p12"
security create-keychain -p "$keychain_password" "$keychain"
security set-keychain-settings -lut 21600 "$keychain"
security unlock-keychain -p "$keychain_password" "$keychain"
security import "$RUNNER_TEMP/cert.p12" -k "$keychain" -P "$MACOS_CERTIFICATE_PASSWORD" \
    -T /usr/bin/codesign
security set-key-partition-list -S apple-tool:,apple: -s -k "$keychain_password" "$keychain"
security list-keychains -d user -s "$keychain" $(security list-keychains -d user | tr -d '"')

# Sign inside-out: every Mach-O binary (Qt frameworks, plugins, Python extensions), then the app.
# --options runtime (hardened runtime) and a timestamp are required for notarisation.
find "$app/Contents" -type f \( -name "*.so" -o -name "*.dylib" -o -perm -u+x \) -print0 |
    while IFS= read -r -d '' binary; do
        if file "$binary" | grep -q "Mach-O"; then
            codesign --force --timestamp --options runtime \
                --entitlements "$here/entitlements.plist" \
                --sign "$MACOS_SIGNING_IDENTITY" "$binary"
        fi
    done
codesign --force --timestamp --options runtime --entitlements "$here/entitlements.plist" \
    --sign "$MACOS_SIGNING_IDENTITY" "$app"
codesign --verify --deep --strict --verbose=2 "$app"

# Notarise (Apple scans the upload) and staple the ticket so Gatekeeper works offline.
ditto -c -k --keepParent "$app" "$RUNNER_TEMP/Mostrador.zip"
xcrun notarytool submit "$RUNNER_TEMP/Mostrador.zip" --apple-id "$APPLE_ID" \
    --team-id "$APPLE_TEAM_ID" --password "$APPLE_APP_PASSWORD" --wait
xcrun stapler staple "$app"
spctl --assess --type execute --verbose "$app"
