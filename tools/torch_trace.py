#!/usr/bin/env python3
"""Write a reference trace (format optimlab-trace-1) from torch.optim.AdamW, for exercise cases.

    tools/torch_trace.py --steps 10 --tensors w=6,b=2 --lr 1e-3 --weight-decay 1e-2 > exercises/adamw/cases/run.json

The trace records the initial params, and for every step the raw gradients, the lr used and the params
after the step, in float64 (the dtype the exercises' APIs use). With --schedule warmup_cosine the lr of
update s is set on the param group before the step, exactly like the grader's harness sets `lr`.
With --clip-norm, gradients are clipped by torch.nn.utils.clip_grad_norm_ first and grad_norm is recorded.
Instructors run this by hand; the test suite does not need PyTorch.
"""
import argparse, json, math, sys

def warmup_cosine(s, peak, warmup, total, min_lr):
    if s < warmup:
        return peak * s / warmup
    decay = total - warmup
    if decay <= 0:
        return min_lr if s >= total and total > warmup else peak
    progress = min(s - warmup, decay) / decay
    return min_lr + (peak - min_lr) * (1 + math.cos(math.pi * progress)) / 2

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--tensors", default="w=6", help="name=size,… in flattening order")
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--beta1", type=float, default=0.9)
    p.add_argument("--beta2", type=float, default=0.999)
    p.add_argument("--eps", type=float, default=1e-8)
    p.add_argument("--weight-decay", type=float, default=1e-2)
    p.add_argument("--grad-range", default="1e-2,1", help="smallest,largest gradient magnitude (log-uniform)")
    p.add_argument("--schedule", choices=["constant", "warmup_cosine"], default="constant")
    p.add_argument("--warmup-steps", type=int, default=0)
    p.add_argument("--total-steps", type=int, default=0)
    p.add_argument("--min-lr", type=float, default=0.0)
    p.add_argument("--clip-norm", type=float)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    try:
        import torch
    except ImportError:
        sys.exit("torch_trace.py needs PyTorch: pip install torch")

    torch.manual_seed(a.seed)
    specs = [(n, int(s)) for n, s in (item.split("=") for item in a.tensors.split(","))]
    params = {n: torch.empty(s, dtype=torch.float64).uniform_(-1, 1).requires_grad_() for n, s in specs}
    lo, hi = (float(x) for x in a.grad_range.split(","))
    opt = torch.optim.AdamW(list(params.values()), lr=a.lr, betas=(a.beta1, a.beta2), eps=a.eps,
                            weight_decay=a.weight_decay, amsgrad=False, foreach=False)
    as_lists = lambda tensors: {n: t.detach().tolist() for n, t in tensors.items()}
    trace = {
        "format": "optimlab-trace-1",
        "optimizer": {"name": "adamw", "lr": a.lr, "beta1": a.beta1, "beta2": a.beta2, "eps": a.eps,
                      "weight_decay": a.weight_decay, "amsgrad": False},
        "dtype": "float64",
        "reference": {"library": "torch", "version": torch.__version__, "optimizer": "torch.optim.AdamW",
                      "foreach": False, "seed": a.seed},
        "initial_params": as_lists(params),
        "steps": [],
    }
    if a.schedule == "warmup_cosine":
        trace["schedule"] = {"name": "warmup_cosine", "warmup_steps": a.warmup_steps,
                             "total_steps": a.total_steps, "min_lr": a.min_lr}
    if a.clip_norm is not None:
        trace["clip_norm"] = a.clip_norm
    for s in range(a.steps):
        grads = {}
        for n, t in params.items():
            magnitude = lo * torch.exp(torch.rand(t.shape, dtype=torch.float64) * math.log(hi / lo))
            sign = torch.where(torch.rand(t.shape) < 0.5, -1.0, 1.0).to(torch.float64)
            grads[n] = magnitude * sign
            t.grad = grads[n].clone()
        step = {"grads": as_lists(grads)}
        if a.clip_norm is not None:
            step["grad_norm"] = float(torch.nn.utils.clip_grad_norm_(list(params.values()), a.clip_norm))
        lr = a.lr if a.schedule == "constant" else warmup_cosine(s, a.lr, a.warmup_steps, a.total_steps, a.min_lr)
        for group in opt.param_groups:
            group["lr"] = lr
        opt.step()
        step["lr"] = lr
        step["params"] = as_lists(params)
        trace["steps"].append(step)
    json.dump(trace, sys.stdout, indent=1)
    sys.stdout.write("\n")

if __name__ == "__main__":
    main()
