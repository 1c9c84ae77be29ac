#!/usr/bin/env python3
"""archsim's image kernels against libvips (pyvips) and Pillow. Started by kernels.sh, which
installs and builds what this needs.

The job, for every contender, single-threaded, from the same synthetic 24MP JPEG (made by
archsim's generator): decode once, resize with Lanczos3 to 10, 7 and 5MP (the exact output
sizes archsim computes, so every tool makes the same pixels), encode each at quality 85
(4:2:0 chroma, no Huffman optimisation: every tool's default). Each contender runs in its
own process: one untimed warm-up run, then --repeats timed runs; processes alternate in
rounds so slow drifts of the machine hit all alike. Figures are medians.

Also run as a worker: `kernels.py --worker vips|pillow --input F --sizes WxH,... --repeats N
[--resize-only]` prints one JSON line like `kernels-bench run`.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def log(message):
    print(f"==> {message}", file=sys.stderr, flush=True)


# Workers

def worker(args):
    import resource
    sizes = [tuple(int(v) for v in s.split("x")) for s in args.sizes.split(",")]
    data = open(args.input, "rb").read()
    if args.worker == "vips":
        os.environ["VIPS_CONCURRENCY"] = "1"
        import pyvips
        pyvips.cache_set_max(0)
        pyvips.concurrency_set(1)

        def decode():
            return pyvips.Image.jpegload_buffer(data).copy_memory()

        def resize(image, w, h):
            return image.resize(w / image.width, vscale=h / image.height, kernel="lanczos3")

        def encode(image):
            return image.jpegsave_buffer(Q=85)

        def force(image):
            return image.copy_memory()
        version = "libvips %d.%d.%d (pyvips %s)" % (pyvips.version(0), pyvips.version(1), pyvips.version(2), pyvips.__version__)
    else:
        import io
        from PIL import Image, features
        lanczos = getattr(Image, "Resampling", Image).LANCZOS

        def decode():
            image = Image.open(io.BytesIO(data))
            image.load()
            return image

        def resize(image, w, h):
            return image.resize((w, h), lanczos)

        def encode(image):
            out = io.BytesIO()
            image.save(out, "JPEG", quality=85)
            return out.getvalue()

        def force(image):
            return image
        version = "Pillow %s (libjpeg-turbo %s)" % (Image.__version__, features.version("libjpeg_turbo"))

    seconds = []
    outputs = []
    for run in range(args.repeats + 1):
        if args.resize_only:
            image = decode()
            start = time.perf_counter()
            results = []
            for (w, h) in sizes:
                resized = force(resize(image, w, h))
                results.append((resized.width, resized.height))  # sizes only: outputs are let go
                del resized
            elapsed = time.perf_counter() - start
        else:
            start = time.perf_counter()
            image = decode()
            results = []
            for (w, h) in sizes:
                resized = resize(image, w, h)
                encode(resized)
                results.append((resized.width, resized.height))
                del resized
            elapsed = time.perf_counter() - start
        del image  # before the next run decodes again: one decoded image at a time, as in archsim
        outputs = [[w, h] for (w, h) in results]
        if run > 0:
            seconds.append(elapsed)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "outputs": outputs, "peak_rss_bytes": peak, "version": version}))


# Driver

def run_json(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def compare_with_pillow(bench, source, work, outputs):
    import math
    from PIL import Image, ImageChops, ImageStat
    lanczos = getattr(Image, "Resampling", Image).LANCZOS
    prefix = os.path.join(work, "archsim-")
    run_json([bench, "run", "--input", source, "--targets", "10,7,5", "--repeats", "1", "--quality", "100", "--save", prefix])
    original = Image.open(source)
    original.load()
    results = []
    for index, (w, h) in enumerate(outputs):
        ours = Image.open(f"{prefix}{index}.jpg").convert("RGB")
        theirs = original.resize((w, h), lanczos)
        rms = ImageStat.Stat(ImageChops.difference(ours, theirs)).rms
        mse = sum(r * r for r in rms) / len(rms)
        results.append(((w, h), 10 * math.log10(255 * 255 / mse) if mse > 0 else float("inf")))
    return results


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", choices=["vips", "pillow"])
    parser.add_argument("--input")
    parser.add_argument("--sizes")
    parser.add_argument("--resize-only", action="store_true")
    parser.add_argument("--bench", help="kernels-bench executable")
    parser.add_argument("--out")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per process")
    parser.add_argument("--width", type=int, default=6000)
    parser.add_argument("--height", type=int, default=4000)
    args = parser.parse_args()
    if args.worker:
        return worker(args)

    work = tempfile.mkdtemp(prefix="archsim-kernels-")
    try:
        measure(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure(args, work):
    source = os.path.join(work, "source.jpg")
    log(f"making the synthetic {args.width}x{args.height} JPEG (quality 90, 4:2:0)")
    subprocess.run([args.bench, "synth", "--width", str(args.width), "--height", str(args.height),
                    "--seed", "42", "--quality", "90", "--out", source], check=True)
    megapixels = args.width * args.height / 1e6
    probe = run_json([args.bench, "run", "--input", source, "--targets", "10,7,5", "--repeats", "1"])
    sizes = ",".join(f"{w}x{h}" for w, h in probe["outputs"])
    decoded_bytes = probe["decoded_bytes"]
    log(f"outputs {sizes}")

    me = [sys.executable, os.path.abspath(__file__)]
    commands = {
        "archsim": lambda resize_only: [args.bench, "run", "--input", source, "--targets", "10,7,5",
                                        "--repeats", str(args.repeats), "--warmup"] + (["--resize-only"] if resize_only else []),
        "libvips": lambda resize_only: me + ["--worker", "vips", "--input", source, "--sizes", sizes,
                                             "--repeats", str(args.repeats)] + (["--resize-only"] if resize_only else []),
        "Pillow": lambda resize_only: me + ["--worker", "pillow", "--input", source, "--sizes", sizes,
                                            "--repeats", str(args.repeats)] + (["--resize-only"] if resize_only else []),
    }
    full = {name: [] for name in commands}
    resize = {name: [] for name in commands}
    rss = {name: 0 for name in commands}
    versions = {}
    load_before = os.getloadavg()
    for round_index in range(args.rounds):
        for name, command in commands.items():
            for resize_only, into in ((False, full), (True, resize)):
                result = run_json(command(resize_only))
                if result["outputs"] != probe["outputs"]:
                    sys.exit(f"{name} made {result['outputs']}, not {probe['outputs']}")
                into[name].extend(result["seconds"])
                if not resize_only:
                    rss[name] = max(rss[name], result["peak_rss_bytes"])
                if "version" in result:
                    versions[name] = result["version"]
        log(f"round {round_index + 1}/{args.rounds}: " + ", ".join(
            f"{n} {statistics.median(full[n]):.3f}s" for n in commands))
    # Same pixels? archsim's outputs (encoded at quality 100) against Pillow's resize.
    fidelity = compare_with_pillow(args.bench, source, work, probe["outputs"])
    # archsim's memory: a fresh process running the pipeline once.
    single = run_json([args.bench, "run", "--input", source, "--targets", "10,7,5", "--repeats", "1"])
    load_after = os.getloadavg()

    median = {n: statistics.median(full[n]) for n in commands}
    median_resize = {n: statistics.median(resize[n]) for n in commands}
    resize_mps = {n: 3 * megapixels / median_resize[n] for n in commands}
    archsim = median["archsim"]
    lines = []
    lines.append("# Image kernels: archsim, libvips and Pillow")
    lines.append("")
    lines.append(f"Generated by `Benchmarks/peers/kernels.sh --rounds {args.rounds} --repeats {args.repeats}` on "
                 f"{datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}; "
                 f"{cpu_model()}, {os.cpu_count()} cores, load average {load_before[0]:.2f} before and "
                 f"{load_after[0]:.2f} after (the machine is shared).")
    lines.append("")
    lines.append(f"Job: decode a synthetic {args.width}x{args.height} ({megapixels:g}MP) JPEG (quality 90, 4:2:0, "
                 f"{os.path.getsize(source) / 1e6:.1f} MB), Lanczos3 to 10, 7 and 5MP ({sizes.replace(',', ', ')}), "
                 "encode each at quality 85. One thread. Wall time, median of "
                 f"{len(full['archsim'])} runs per contender ({args.rounds} processes × {args.repeats}, after one "
                 "warm-up run per process). Resize only: the three resizes from an already decoded image "
                 "(libvips: into memory); throughput counts source megapixels read, 3 × "
                 f"{megapixels:g}MP per run.")
    lines.append("")
    lines.append("| contender | decode → 3 resizes → encode (s) | time / archsim | resize only (s) | resize MP/s | peak RSS (MB) |")
    lines.append("|---|---:|---:|---:|---:|---:|")
    for name in commands:
        lines.append(f"| {name} | {median[name]:.3f} | {median[name] / archsim:.2f}× | {median_resize[name]:.3f} | "
                     f"{resize_mps[name]:.0f} | {rss[name] / 1e6:.0f} |")
    lines.append("")
    vips_ratio = archsim / median["libvips"]
    pillow_ratio = median["Pillow"] / archsim
    memory_ratio = single["peak_rss_bytes"] / decoded_bytes
    lines.append("| goal | measured | met |")
    lines.append("|---|---:|---|")
    lines.append(f"| archsim time ≤ 1.3 × libvips | {vips_ratio:.2f} × | {'yes' if vips_ratio <= 1.3 else 'no'} |")
    lines.append(f"| archsim ≥ 2 × faster than Pillow | {pillow_ratio:.2f} × | {'yes' if pillow_ratio >= 2 else 'no'} |")
    lines.append(f"| archsim peak RSS ≤ 2.5 × decoded image | {single['peak_rss_bytes'] / 1e6:.0f} MB / "
                 f"{decoded_bytes / 1e6:.0f} MB = {memory_ratio:.2f} × | {'yes' if memory_ratio <= 2.5 else 'no'} |")
    lines.append("")
    lines.append("Same result: archsim's Lanczos3 outputs (encoded at quality 100) against Pillow's "
                 "resize of the same source, PSNR " + ", ".join(f"{w}x{h} {db:.1f} dB" for (w, h), db in fidelity) +
                 " (identical filters would differ only by rounding and the quality-100 encode).")
    lines.append("")
    lines.append("Peak RSS is the whole process (VmHWM / ru_maxrss): runtime, input file and outputs "
                 "included; the Python contenders include the interpreter. archsim's ratio is from a fresh "
                 "process running the pipeline once.")
    lines.append("")
    lines.append("Versions: " + "; ".join([f"archsim kernels on libjpeg-turbo {probe.get('libjpeg_turbo', '?')}"] +
                                         [versions[n] for n in ("libvips", "Pillow") if n in versions]) + ".")
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        with open(args.out, "w") as f:
            f.write(report)
        log(f"wrote {args.out}")


if __name__ == "__main__":
    main()
