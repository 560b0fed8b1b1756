"""What every graph exported from ganvas to PyTorch shares."""
