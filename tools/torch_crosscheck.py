#!/usr/bin/env python3
"""Cross-check the engine against the installed PyTorch on many random configurations.

    tools/torch_crosscheck.py --optimlab .build/release/optimlab --cases 300 [--seed 1] [--keep DIR]

Each case draws an optimizer (sgd, adagrad, rmsprop, adam, adamw) with random hyperparameters and
options (momentum, dampening, nesterov, lr_decay, centered, amsgrad, weight decay), optionally a
PyTorch lr scheduler (StepLR, MultiStepLR, CosineAnnealingLR) and clip_grad_norm_, runs it in PyTorch
(float64 single-tensor, or float32 with fused=True for Adam/AdamW), writes the trace *without* the
params, lr and grad_norm columns (but for cosine, whose PyTorch lr is stepped recursively while the
trace format's cosine is the closed form), lets `optimlab trace` complete it, and compares every value:
relative 1e-9 for float64, 1e-6 for float32, as the reference-trace tests do. It prints the worst
error per kind and exits 1 if any case misses. With --keep DIR the generated traces are written there
(a failing one can become a fixture). It needs PyTorch (pip install torch) and is run by hand.
"""
import argparse, json, math, os, random, subprocess, sys, tempfile


def draw_optimizer(rng, kind):
    lr = rng.choice([1e-3, 3e-3, 1e-2, 5e-2, 0.1])
    wd = rng.choice([0.0, 0.0, 1e-4, 1e-2, 0.1])
    if kind == "sgd":
        momentum = rng.choice([0.0, 0.9, 0.5])
        nesterov = momentum > 0 and rng.random() < 0.5
        dampening = 0.0 if nesterov else rng.choice([0.0, 0.1])
        return {"name": "sgd", "lr": lr, "momentum": momentum, "dampening": dampening,
                "weight_decay": wd, "nesterov": nesterov}
    if kind == "adagrad":
        return {"name": "adagrad", "lr": lr, "lr_decay": rng.choice([0.0, 0.01, 0.1]), "weight_decay": wd,
                "initial_accumulator_value": rng.choice([0.0, 0.1]), "eps": rng.choice([1e-10, 1e-6])}
    if kind == "rmsprop":
        return {"name": "rmsprop", "lr": lr / 10, "alpha": rng.choice([0.99, 0.9]), "eps": rng.choice([1e-8, 1e-6]),
                "weight_decay": wd, "momentum": rng.choice([0.0, 0.9]), "centered": rng.random() < 0.5}
    return {"name": kind, "lr": lr, "beta1": rng.choice([0.9, 0.8, 0.95]), "beta2": rng.choice([0.999, 0.95, 0.98]),
            "eps": rng.choice([1e-8, 1e-6]), "weight_decay": wd, "amsgrad": rng.random() < 0.3}


def torch_optimizer(torch, spec, params, fused):
    o = spec
    if o["name"] == "sgd":
        return torch.optim.SGD(params, lr=o["lr"], momentum=o["momentum"], dampening=o["dampening"],
                               weight_decay=o["weight_decay"], nesterov=o["nesterov"], foreach=False)
    if o["name"] == "adagrad":
        return torch.optim.Adagrad(params, lr=o["lr"], lr_decay=o["lr_decay"], weight_decay=o["weight_decay"],
                                   initial_accumulator_value=o["initial_accumulator_value"], eps=o["eps"], foreach=False)
    if o["name"] == "rmsprop":
        return torch.optim.RMSprop(params, lr=o["lr"], alpha=o["alpha"], eps=o["eps"], weight_decay=o["weight_decay"],
                                   momentum=o["momentum"], centered=o["centered"], foreach=False)
    cls = torch.optim.Adam if o["name"] == "adam" else torch.optim.AdamW
    extra = {"fused": True} if fused else {"foreach": False}
    return cls(params, lr=o["lr"], betas=(o["beta1"], o["beta2"]), eps=o["eps"], weight_decay=o["weight_decay"],
               amsgrad=o["amsgrad"], **extra)


def draw_schedule(rng, steps):
    name = rng.choice([None, None, "step", "multistep", "cosine"])
    if name == "step":
        return {"name": "step", "step_size": rng.randint(2, 8), "gamma": rng.choice([0.5, 0.1])}
    if name == "multistep":
        a = rng.randint(1, steps - 2)
        return {"name": "multistep", "milestones": [a, rng.randint(a + 1, steps)], "gamma": rng.choice([0.5, 0.1])}
    if name == "cosine":
        return {"name": "cosine", "total_steps": steps, "min_lr": rng.choice([0.0, 1e-5])}
    return None


def torch_scheduler(torch, schedule, opt):
    if schedule is None:
        return None
    s = torch.optim.lr_scheduler
    if schedule["name"] == "step":
        return s.StepLR(opt, step_size=schedule["step_size"], gamma=schedule["gamma"])
    if schedule["name"] == "multistep":
        return s.MultiStepLR(opt, milestones=schedule["milestones"], gamma=schedule["gamma"])
    return s.CosineAnnealingLR(opt, T_max=schedule["total_steps"], eta_min=schedule["min_lr"])


def make_case(torch, rng, index):
    kind = rng.choice(["sgd", "adagrad", "rmsprop", "adam", "adamw", "adamw"])
    fused = kind in ("adam", "adamw") and rng.random() < 0.4
    dtype = torch.float32 if fused else torch.float64
    steps = rng.randint(5, 40)
    spec = draw_optimizer(rng, kind)
    schedule = draw_schedule(rng, steps)
    clip = rng.choice([None, None, 0.5, 1.0, 5.0])
    sizes = [rng.choice([1, 3, 5, 17, 33]) for _ in range(rng.randint(1, 3))]
    names = ["w", "b", "emb"][:len(sizes)]
    gen = torch.Generator().manual_seed(10_000 + index)
    params = [torch.empty(n, dtype=dtype).uniform_(-1, 1, generator=gen).requires_grad_() for n in sizes]
    opt = torch_optimizer(torch, spec, params, fused)
    scheduler = torch_scheduler(torch, schedule, opt)
    as_dict = lambda ts: {n: t.detach().double().tolist() for n, t in zip(names, ts)}
    trace = {"format": "optimlab-trace-1", "optimizer": spec,
             "reference": {"library": "torch", "version": torch.__version__, "device": "cpu",
                           "path": "fused" if fused else "single-tensor",
                           "generator": f"tools/torch_crosscheck.py, case {index}"},
             "initial_params": as_dict(params), "steps": []}
    if fused:
        trace["dtype"] = "float32"
    if schedule:
        trace["schedule"] = schedule
    if clip is not None:
        trace["clip_norm"] = clip
    expected = []
    scale = rng.choice([1e-3, 1e-1, 1.0, 10.0])
    for _ in range(steps):
        grads = []
        for p in params:
            g = torch.randn(p.shape, dtype=dtype, generator=gen) * scale
            outliers = torch.rand(p.shape, generator=gen) < 0.1
            grads.append(torch.where(outliers, g * 10, g))
            p.grad = grads[-1].clone()
        norm = float(torch.nn.utils.clip_grad_norm_(params, clip, foreach=False)) if clip is not None else None
        lr = opt.param_groups[0]["lr"]
        opt.step()
        if scheduler:
            scheduler.step()
        step = {"grads": as_dict(grads)}
        if schedule and schedule["name"] == "cosine":
            # PyTorch steps CosineAnnealingLR recursively; the trace format's cosine is the closed
            # form (optax's), a few ulps away, so these traces carry PyTorch's own lr column.
            step["lr"] = lr
        trace["steps"].append(step)
        expected.append((lr, norm, [x for p in params for x in p.detach().double().tolist()]))
    label = f"{kind}{'-f32' if fused else ''}{'-' + schedule['name'] if schedule else ''}{'-clip' if clip else ''}"
    return label, trace, expected, 1e-6 if fused else 1e-9


def relative(a, b):
    if a == b:
        return 0.0
    return abs(a - b) / max(abs(a), abs(b))


def check(optimlab, trace, expected):
    """The worst relative error of params, lr and grad_norm, and where it is."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(trace, f)
    try:
        run = subprocess.run([optimlab, "trace", f.name], capture_output=True, text=True)
    finally:
        os.unlink(f.name)
    if run.returncode != 0:
        return math.inf, "optimlab trace exit %d: %s" % (run.returncode, run.stderr.strip())
    got = json.loads(run.stdout)["steps"]
    worst, where = 0.0, ""
    for k, (step, (lr, norm, params)) in enumerate(zip(got, expected)):
        flat = [x for values in step["params"].values() for x in values]
        pairs = [("lr", step["lr"], lr)] + ([("grad_norm", step["grad_norm"], norm)] if norm is not None else [])
        pairs += [(f"params[{i}]", a, b) for i, (a, b) in enumerate(zip(flat, params))]
        for name, a, b in pairs:
            e = relative(a, b)
            if e > worst:
                worst, where = e, f"step {k} {name}: optimlab {a!r} torch {b!r}"
    return worst, where


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--optimlab", default=".build/release/optimlab")
    p.add_argument("--cases", type=int, default=200)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--keep", help="write every generated trace (with torch's columns) to this folder")
    a = p.parse_args()
    try:
        import torch
    except ImportError:
        sys.exit("torch_crosscheck.py needs PyTorch: pip install torch")
    torch.set_num_threads(1)
    rng = random.Random(a.seed)
    worst_by_kind, failures = {}, 0
    for i in range(a.cases):
        label, trace, expected, rtol = make_case(torch, rng, i)
        error, where = check(a.optimlab, trace, expected)
        kind = label.split("-")[0] + ("-f32" if "-f32" in label else "")
        worst_by_kind[kind] = max(worst_by_kind.get(kind, 0.0), error)
        if a.keep:
            os.makedirs(a.keep, exist_ok=True)
            names = list(trace["initial_params"])
            lengths = [len(trace["initial_params"][n]) for n in names]
            for step, (lr, norm, params) in zip(trace["steps"], expected):
                step["lr"] = lr
                if norm is not None:
                    step["grad_norm"] = norm
                offsets = [sum(lengths[:k]) for k in range(len(names))]
                step["params"] = {n: params[o:o + m] for n, o, m in zip(names, offsets, lengths)}
            with open(os.path.join(a.keep, f"{i:03d}-{label}.json"), "w") as f:
                json.dump(trace, f)
        if error > rtol:
            failures += 1
            print(f"MISS case {i} {label}: {error:.3g} > {rtol:g} at {where}")
    for kind, error in sorted(worst_by_kind.items()):
        print(f"{kind:12s} worst relative error {error:.3g}")
    print(f"{a.cases} cases, {failures} missed (torch {torch.__version__})")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
