from django.core.validators import MaxValueValidator, MinValueValidator

# The years a recognition, a decision or a cohort's figures may carry: the programme's
# predecessors began in 2005, and a year past 2100 is a typing error.
FIRST_YEAR, LAST_YEAR = 2005, 2100
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
