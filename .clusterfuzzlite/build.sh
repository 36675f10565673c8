#!/bin/bash -eu
# Builds every design's libFuzzer target into $OUT, as ClusterFuzzLite and OSS-Fuzz call
# it ($SRC holds the checkout as `crosscheck/`, $OUT receives the binaries, $WORK is
# scratch). Locally: SRC=.. OUT=/tmp/out WORK=/tmp/work .clusterfuzzlite/build.sh
#
# The images set RUSTFLAGS for the sanitizer and coverage they want; cargo picks them up.
# CROSSCHECK_FUZZ_PROFILE chooses the cargo profile (release by default; a test uses dev to
# reuse its own build).

# The checkout's real path: cargo fingerprints path crates by it, and a symlinked $SRC
# would otherwise rebuild them.
manifest="$(cd "$SRC/crosscheck" && pwd -P)/fuzz/Cargo.toml"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$WORK/target}"
profile="${CROSSCHECK_FUZZ_PROFILE:-release}"

# Cargo says where it put each binary; ask rather than guess the target folder's layout.
executables=$(cargo build --quiet --bins --profile "$profile" --manifest-path "$manifest" \
    --message-format=json-render-diagnostics |
    grep -o '"executable":"[^"]*"' | sed 's/"executable":"\(.*\)"/\1/')

mkdir -p "$OUT"
built=0
for exe in $executables; do
    case "$(basename "$exe")" in
        design_*) cp "$exe" "$OUT/"; built=$((built + 1)) ;;
    esac
done
if [ "$built" -eq 0 ]; then
    echo "build.sh: cargo built no design_* target from $manifest" >&2
    exit 1
fi
echo "build.sh: $built targets in $OUT"
