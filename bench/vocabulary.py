"""Word lists the synthetic catalog is made from. Plain data, in a fixed order."""

from typing import NamedTuple


class Topic(NamedTuple):
    slug: str
    phrases: tuple[str, ...]  # what a course or exam domain on the topic is called
    skills: tuple[str, ...]  # skill slugs; the seed's skills are mixed in at generation time
    platform: str  # gcp | aws | azure | databricks | nvidia | snowflake | none: where it leans
    discipline: str  # the discipline of a course certificate on the topic


TOPICS: tuple[Topic, ...] = (
    Topic(
        "mlops",
        ("MLOps", "Machine Learning Pipelines", "Model Deployment", "ML in Production"),
        (
            "mlops",
            "ml-pipelines",
            "model-deployment",
            "model-monitoring",
            "ml-technical-debt",
            "feature-stores",
            "model-registry",
            "continuous-training",
            "kubeflow",
            "mlflow",
            "docker",
            "kubernetes",
            "ci-cd-for-ml",
            "data-versioning",
        ),
        "none",
        "mlops",
    ),
    Topic(
        "deep-learning",
        ("Deep Learning", "Neural Networks", "Deep Learning with PyTorch", "Applied Deep Learning"),
        (
            "deep-learning",
            "neural-networks",
            "convolutional-neural-networks",
            "sequence-models",
            "pytorch",
            "tensorflow",
            "keras",
            "backpropagation",
            "optimization",
            "regularization",
            "transfer-learning",
            "hyperparameter-tuning",
        ),
        "none",
        "ml_engineering",
    ),
    Topic(
        "nlp",
        ("Natural Language Processing", "Text Analytics", "Transformers for NLP", "Text Mining"),
        (
            "natural-language-processing",
            "text-mining",
            "transformers",
            "embeddings",
            "tokenization",
            "sentiment-analysis",
            "named-entity-recognition",
            "information-extraction",
            "information-retrieval",
            "sequence-models",
        ),
        "none",
        "genai_engineering",
    ),
    Topic(
        "computer-vision",
        ("Computer Vision", "Image Recognition", "Object Detection", "Vision Transformers"),
        (
            "computer-vision",
            "image-classification",
            "object-detection",
            "image-segmentation",
            "convolutional-neural-networks",
            "data-augmentation",
            "opencv",
            "vision-transformers",
        ),
        "none",
        "ml_engineering",
    ),
    Topic(
        "generative-ai",
        ("Generative AI", "Large Language Models", "Prompt Engineering", "Building AI Agents"),
        (
            "generative-ai",
            "large-language-models",
            "prompt-engineering",
            "retrieval-augmented-generation",
            "vector-databases",
            "llm-fine-tuning",
            "llm-evaluation",
            "ai-agents",
            "diffusion-models",
            "ai-search",
        ),
        "none",
        "genai_engineering",
    ),
    Topic(
        "classical-ml",
        ("Machine Learning", "Supervised Learning", "Applied Machine Learning", "ML Foundations"),
        (
            "supervised-learning",
            "unsupervised-learning",
            "classification",
            "regression",
            "clustering",
            "decision-trees",
            "boosting",
            "random-forests",
            "support-vector-machines",
            "model-evaluation",
            "feature-engineering",
            "scikit-learn",
            "cross-validation",
            "dimensionality-reduction",
        ),
        "none",
        "data_science",
    ),
    Topic(
        "data",
        ("Data Engineering", "Data Preparation", "Data Analysis with Python", "Big Data"),
        (
            "data-engineering",
            "data-preparation",
            "exploratory-data-analysis",
            "data-visualization",
            "pandas",
            "numpy",
            "sql",
            "apache-spark",
            "etl",
            "data-quality",
            "python",
        ),
        "none",
        "data_engineering",
    ),
    Topic(
        "statistics",
        ("Statistics for Data Science", "Probability", "Bayesian Methods", "Experimentation"),
        (
            "statistics",
            "probability",
            "bayesian-inference",
            "hypothesis-testing",
            "ab-testing",
            "causal-inference",
            "linear-algebra",
            "calculus",
        ),
        "none",
        "data_science",
    ),
    Topic(
        "gcp",
        ("Machine Learning on Google Cloud", "Vertex AI", "BigQuery ML", "TensorFlow on GCP"),
        (
            "vertex-ai",
            "bigquery-ml",
            "google-cloud",
            "tensorflow",
            "ml-pipelines",
            "model-deployment",
            "ml-solution-architecture",
            "ml-problem-framing",
        ),
        "gcp",
        "ml_engineering",
    ),
    Topic(
        "aws",
        ("Machine Learning on AWS", "Amazon SageMaker", "AWS AI Services", "Amazon Bedrock"),
        (
            "sagemaker",
            "amazon-bedrock",
            "aws",
            "model-deployment",
            "data-engineering",
            "ml-security",
            "ml-solution-architecture",
        ),
        "aws",
        "ml_engineering",
    ),
    Topic(
        "azure",
        ("Azure Machine Learning", "Azure AI Services", "Azure OpenAI", "AI Apps on Azure"),
        (
            "azure-ml",
            "azure-ai-services",
            "azure-openai",
            "ai-search",
            "azure",
            "model-deployment",
            "responsible-ai",
        ),
        "azure",
        "ai_apps",
    ),
    Topic(
        "databricks",
        ("Machine Learning on Databricks", "MLflow and the Lakehouse", "Mosaic AI", "Delta Lake"),
        (
            "databricks",
            "delta-lake",
            "mlflow",
            "apache-spark",
            "unity-catalog",
            "feature-stores",
            "model-serving",
            "mosaic-ai",
        ),
        "databricks",
        "data_engineering",
    ),
    Topic(
        "nvidia",
        ("GPU-Accelerated Deep Learning", "CUDA for ML", "NVIDIA NeMo", "Triton Inference Server"),
        (
            "cuda",
            "gpu-acceleration",
            "distributed-training",
            "tensorrt",
            "triton-inference-server",
            "nvidia-nemo",
            "llm-fine-tuning",
            "model-optimization",
        ),
        "nvidia",
        "genai_engineering",
    ),
    Topic(
        "snowflake",
        ("Snowpark for Python", "Snowflake Cortex AI", "ML in the Data Cloud", "Snowflake Data"),
        (
            "snowflake",
            "snowpark",
            "snowflake-cortex",
            "sql",
            "data-sharing",
            "feature-stores",
            "data-engineering",
        ),
        "snowflake",
        "data_engineering",
    ),
    Topic(
        "ai-literacy",
        ("AI Fundamentals", "AI for Everyone", "Generative AI for Business", "AI Concepts"),
        (
            "ai-fundamentals",
            "ai-use-cases",
            "generative-ai",
            "prompt-engineering",
            "responsible-ai",
            "ai-governance",
        ),
        "none",
        "ai_literacy",
    ),
    Topic(
        "responsible-ai",
        ("Responsible AI", "AI Ethics", "Fairness in Machine Learning", "ML Security"),
        (
            "responsible-ai",
            "fairness",
            "explainability",
            "ml-security",
            "privacy",
            "model-governance",
        ),
        "none",
        "ai_literacy",
    ),
    Topic(
        "recsys",
        ("Recommender Systems", "Ranking and Search", "Personalization"),
        (
            "recommender-systems",
            "collaborative-filtering",
            "learning-to-rank",
            "embeddings",
            "information-retrieval",
            "ab-testing",
        ),
        "none",
        "ml_engineering",
    ),
    Topic(
        "time-series",
        ("Time Series Forecasting", "Sequence Modeling", "Anomaly Detection"),
        (
            "time-series",
            "forecasting",
            "anomaly-detection",
            "sequence-models",
            "statistics",
        ),
        "none",
        "data_science",
    ),
    Topic(
        "reinforcement-learning",
        ("Reinforcement Learning", "Decision Making under Uncertainty", "Bandits"),
        (
            "reinforcement-learning",
            "multi-armed-bandits",
            "markov-decision-processes",
            "policy-gradients",
            "deep-learning",
        ),
        "none",
        "ml_engineering",
    ),
    Topic(
        "ml-strategy",
        ("Structuring ML Projects", "ML System Design", "ML Product Management"),
        (
            "ml-project-strategy",
            "error-analysis",
            "data-distribution-mismatch",
            "ml-problem-framing",
            "ml-solution-architecture",
            "model-evaluation",
        ),
        "none",
        "ml_engineering",
    ),
)

COURSE_TEMPLATES = (
    "{phrase}",
    "Introduction to {phrase}",
    "{phrase} in Practice",
    "Hands-on {phrase}",
    "Practical {phrase}",
    "Advanced {phrase}",
    "{phrase} for Engineers",
    "{phrase} for Data Scientists",
    "{phrase} Bootcamp",
    "Mastering {phrase}",
    "{phrase}: From Zero to Production",
    "{phrase} with Python",
    "Foundations of {phrase}",
    "{phrase} Deep Dive",
    "Applied {phrase} Projects",
)
EDITIONS = ("", "", "", " (2024 Edition)", " (2025 Edition)", " II", " - Part 1", " - Part 2")

# Providers added to the seed's. The platform vendors come first, so that even a tiny catalog
# has an issuer for every platform; then exam vendors of no platform, learning platforms and
# publishers, in turn.
PLATFORM_VENDORS = (
    ("databricks", "Databricks"),
    ("nvidia", "NVIDIA"),
    ("snowflake", "Snowflake"),
)
OTHER_VENDORS = (
    ("ibm", "IBM", "cloud_vendor"),
    ("hugging-face", "Hugging Face", "technology_vendor"),
    ("oracle", "Oracle", "cloud_vendor"),
)
LEARNING_PLATFORMS = (
    ("pluralsight", "Pluralsight"),
    ("datacamp", "DataCamp"),
    ("linkedin-learning", "LinkedIn Learning"),
    ("udacity", "Udacity"),
    ("kaggle-learn", "Kaggle Learn"),
    ("skillshare", "Skillshare"),
    ("futurelearn", "FutureLearn"),
    ("codecademy", "Codecademy"),
)
PUBLISHERS = (
    ("oreilly", "O'Reilly Media"),
    ("manning", "Manning Publications"),
    ("fast-ai", "fast.ai"),
    ("packt", "Packt"),
    ("stanford-online", "Stanford Online"),
    ("mit-open-learning", "MIT Open Learning"),
    ("imperial-college-london", "Imperial College London"),
    ("duke-university", "Duke University"),
    ("johns-hopkins-university", "Johns Hopkins University"),
    ("university-of-toronto", "University of Toronto"),
    ("georgia-tech", "Georgia Tech"),
    ("epfl", "EPFL"),
    ("eth-zurich", "ETH Zurich"),
    ("tu-munich", "Technical University of Munich"),
    ("iit-madras", "IIT Madras"),
    ("national-university-of-singapore", "National University of Singapore"),
    ("jose-portilla-academy", "Pierian Training"),
    ("kirill-eremenko-academy", "SuperDataScience"),
    ("sentdex", "Sentdex"),
    ("full-stack-deep-learning", "Full Stack Deep Learning"),
    ("made-with-ml", "Made With ML"),
    ("zero-to-mastery", "Zero To Mastery"),
    ("educative", "Educative"),
    ("frontend-masters", "Frontend Masters"),
)

# Every platform of `app.recommender.vocabulary.Platform`, in the order exam ladders are first
# dealt out (so that a small catalog still reaches each), with the weight of later ladders.
PLATFORM_ORDER = ("gcp", "aws", "azure", "databricks", "nvidia", "snowflake", "none")
PLATFORM_WEIGHT = {
    "gcp": 3.0,
    "aws": 3.0,
    "azure": 3.0,
    "databricks": 2.0,
    "nvidia": 2.0,
    "snowflake": 2.0,
    "none": 1.5,
}

# Exam issuers: provider slug -> (platform, name prefix, exam code prefix).
EXAM_ISSUERS = {
    "google-cloud": ("gcp", "Google Cloud Certified", "GC"),
    "aws": ("aws", "AWS Certified", "AW"),
    "microsoft": ("azure", "Microsoft Certified: Azure", "AZ"),
    "databricks": ("databricks", "Databricks Certified", "DB"),
    "nvidia": ("nvidia", "NVIDIA-Certified", "NV"),
    "snowflake": ("snowflake", "SnowPro", "SP"),
    "ibm": ("none", "IBM Certified", "IB"),
    "hugging-face": ("none", "Hugging Face Certified", "HF"),
    "oracle": ("none", "Oracle Certified", "OC"),
}


class Role(NamedTuple):
    slug: str
    name: str
    discipline: str
    topics: tuple[str, ...]
    tiers: tuple[str, ...]  # the rungs an issuer's ladder for the role may have, lowest first


# Exam tracks: the roles that vendors' certification programmes name. The first seven cover
# every current discipline once, so that the first ladders dealt out reach them all.
ROLES = (
    Role(
        "ml-engineer",
        "Machine Learning Engineer",
        "ml_engineering",
        ("mlops", "deep-learning", "classical-ml"),
        ("foundational", "associate", "professional", "specialty"),
    ),
    Role(
        "genai-developer",
        "Generative AI Developer",
        "genai_engineering",
        ("generative-ai", "nlp"),
        ("foundational", "associate", "professional"),
    ),
    Role(
        "mlops-engineer",
        "MLOps Engineer",
        "mlops",
        ("mlops", "data"),
        ("associate", "professional", "specialty"),
    ),
    Role(
        "ai-fundamentals",
        "AI Fundamentals",
        "ai_literacy",
        ("ai-literacy", "responsible-ai"),
        ("foundational",),
    ),
    Role(
        "data-engineer",
        "Data Engineer",
        "data_engineering",
        ("data", "mlops"),
        ("foundational", "associate", "professional"),
    ),
    Role(
        "data-scientist",
        "Data Scientist",
        "data_science",
        ("classical-ml", "statistics", "data"),
        ("foundational", "associate", "professional"),
    ),
    Role(
        "ai-engineer",
        "AI Engineer",
        "ai_apps",
        ("generative-ai", "nlp", "computer-vision"),
        ("foundational", "associate", "professional"),
    ),
    Role(
        "llm-engineer",
        "LLM Engineer",
        "genai_engineering",
        ("generative-ai", "nlp"),
        ("associate", "professional", "specialty"),
    ),
    Role(
        "ml-architect",
        "Machine Learning Architect",
        "ml_engineering",
        ("ml-strategy", "mlops"),
        ("professional", "specialty"),
    ),
    Role(
        "ml-platform-engineer",
        "ML Platform Engineer",
        "mlops",
        ("mlops", "deep-learning"),
        ("associate", "professional"),
    ),
    Role(
        "ai-practitioner",
        "AI Practitioner",
        "ai_literacy",
        ("generative-ai", "responsible-ai", "ai-literacy"),
        ("foundational",),
    ),
    Role(
        "data-analyst",
        "Data Analyst",
        "data_science",
        ("data", "statistics"),
        ("foundational", "associate"),
    ),
    Role(
        "vision-engineer",
        "Computer Vision Engineer",
        "ml_engineering",
        ("computer-vision", "deep-learning"),
        ("associate", "professional", "specialty"),
    ),
    Role(
        "ai-apps-developer",
        "AI Apps Developer",
        "ai_apps",
        ("generative-ai", "ml-strategy"),
        ("associate", "professional"),
    ),
)
# The disciplines a role's older, retired editions were filed under before the split of
# `ai_engineering` (a legacy value the catalog still holds).
LEGACY_DISCIPLINE = {"ai_apps": "ai_engineering", "genai_engineering": "ai_engineering"}

# Tier -> (name, difficulty, years of ML recommended, most years on the platform recommended).
TIERS = {
    "foundational": ("Foundational", 1, 0, 0),
    "associate": ("Associate", 2, 1, 1),
    "professional": ("Professional", 4, 3, 2),
    "specialty": ("Specialty", 4, 2, 2),
}
# Which rungs a ladder spans (cut to the role's tiers), with weights.
LADDERS = (
    (("foundational", "associate", "professional"), 3.0),
    (("associate", "professional"), 3.0),
    (("associate",), 2.0),
    (("foundational", "associate"), 1.5),
    (("associate", "professional", "specialty"), 1.0),
    (("professional",), 1.0),
    (("specialty",), 0.5),
)
RESTRICTED_NOTES = (
    "Open only to employees of the issuer's registered partner companies.",
    "Candidates must be nominated by an employer enrolled in the issuer's partner programme.",
    "Only holders of the associate-tier credential on the same platform may register.",
    "Offered to members of the issuer's academic programme: students and faculty only.",
)

FIRST_NAMES = (
    "Ada",
    "Alan",
    "Amara",
    "Andrew",
    "Chen",
    "Daphne",
    "Diego",
    "Elena",
    "Fatima",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kiran",
    "Lena",
    "Marco",
    "Nadia",
    "Omar",
    "Priya",
    "Rafael",
    "Sara",
    "Tomas",
    "Uma",
    "Wei",
    "Yara",
    "Zoe",
)
LAST_NAMES = (
    "Abebe",
    "Bergstrom",
    "Castillo",
    "Dubois",
    "Eze",
    "Fischer",
    "Gupta",
    "Hashimoto",
    "Ivanova",
    "Johansson",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quinn",
    "Rossi",
    "Santos",
    "Tanaka",
    "Ueda",
    "Varga",
    "Wang",
    "Yilmaz",
    "Zhang",
)

SOURCE_HOSTS = (
    "https://catalog-review.example.org/",
    "https://certwatch.example.net/",
    "https://learnerguide.example.com/",
)
