/** The templates the speed bench compares with PyTorch (tests/bench/torch_plan.py must run each plan). */
export const SPEED_TEMPLATES = ['gan-2d', 'infogan', 'dann', 'triple-gan', 'super-resolution'];
