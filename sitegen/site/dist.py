"""`make dist`: the built site as one archive, for any static host and any path (README: 在别的地方发布).

The archive holds the site's files at its top level (index.html, sw.js, engine/, …), so unpacking it into the
folder a host serves publishes the site. Entries are sorted and dated 2020-01-01, so the same site gives the
same archive. Built with the same strict build as the Pages workflow; SITE_URL (the final address) only sets
the canonical links, the sitemap and robots.txt: pages, quiz and tools work under any host and path."""
import argparse
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARCHIVE = ROOT / "dist" / "xiaomi-loan-help-site.zip"
STORED = (".wasm", ".zip", ".whl", ".png", ".gz", ".woff2")  # already compressed: kept as they are


def archive(site: Path, out: Path) -> Path:
    """Write every file of the built site `site` into the zip `out` (replaced whole, never half-written)."""
    if not (site / "index.html").is_file() or not (site / "sw.js").is_file():
        raise SystemExit(f"{site} is not a built site (no index.html or sw.js): run the build first")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with zipfile.ZipFile(tmp, "w") as zf:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            rel = path.relative_to(site).as_posix()
            info = zipfile.ZipInfo(rel, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if rel.endswith(STORED) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    os.replace(tmp, out)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ARCHIVE)
    ap.add_argument("--site-dir", type=Path, help="archive this already built site instead of building")
    args = ap.parse_args(argv)
    if args.site_dir:
        out = archive(args.site_dir, args.out)
    else:
        with tempfile.TemporaryDirectory(prefix="dist-") as tmp:
            site = Path(tmp) / "site"
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=ROOT, env=env)
            if result.returncode:
                return result.returncode
            out = archive(site, args.out)
    size = out.stat().st_size
    print(f"{out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: {size / 1e6:.1f} MB. "
          "Unpack it into the folder your host serves (README: 在别的地方发布).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
